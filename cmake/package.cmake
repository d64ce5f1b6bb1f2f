# What `cmake --install` and the .deb ship besides the binary (issue #16): the man page and the
# completion scripts, generated at build time from the command tree; the kubectl plugin link; the
# Debian copyright and changelog files; and CPack's DEB generator (scripts/package.sh).

# The commit's date and author: the man page and changelog say the same thing for the same sources.
execute_process(COMMAND git log -1 --format=%cs WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE DEVK8S_GIT_DATE OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND git log -1 --format=%cD WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE DEVK8S_GIT_DATE_RFC2822 OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND git log -1 "--format=%an <%ae>" WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE DEVK8S_GIT_AUTHOR OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT DEVK8S_GIT_DATE)
  string(TIMESTAMP DEVK8S_GIT_DATE "%Y-%m-%d" UTC)
  string(TIMESTAMP DEVK8S_GIT_DATE_RFC2822 "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
set(DEVK8S_PACKAGE_MAINTAINER "${DEVK8S_GIT_AUTHOR}" CACHE STRING
  "The .deb's Maintainer (default: the author of the commit it is built from)")
if(NOT DEVK8S_PACKAGE_MAINTAINER)
  set(DEVK8S_PACKAGE_MAINTAINER "devk8s developers <devk8s-maintainers@users.noreply.github.com>")
endif()

add_executable(devk8s_gen_man_page src/tools/gen_man_page.cpp)
target_link_libraries(devk8s_gen_man_page PRIVATE devk8s_cli devk8s_warnings devk8s_ubsan)

set(DEVK8S_DOCS ${CMAKE_BINARY_DIR}/docs)
set(DEVK8S_DOC_FILES ${DEVK8S_DOCS}/man/devk8s.1 ${DEVK8S_DOCS}/man/devk8s.1.gz ${DEVK8S_DOCS}/completions/bash/devk8s
  ${DEVK8S_DOCS}/completions/zsh/_devk8s ${DEVK8S_DOCS}/completions/fish/devk8s.fish)
add_custom_command(OUTPUT ${DEVK8S_DOC_FILES}
  COMMAND ${CMAKE_COMMAND} -DGEN=$<TARGET_FILE:devk8s_gen_man_page> -DDEVK8S=$<TARGET_FILE:devk8s>
          -DVERSION=${PROJECT_VERSION} -DDATE=${DEVK8S_GIT_DATE} -DOUT=${DEVK8S_DOCS}
          -P ${CMAKE_SOURCE_DIR}/cmake/generate_docs.cmake
  DEPENDS devk8s devk8s_gen_man_page ${CMAKE_SOURCE_DIR}/cmake/generate_docs.cmake
  COMMENT "Generating devk8s.1 and the completion scripts from the command tree")
add_custom_target(devk8s_docs ALL DEPENDS ${DEVK8S_DOC_FILES})

# `kubectl devk8s`: kubectl runs the kubectl-devk8s on PATH, and devk8s knows the name it was
# called by (cli/app.hpp program_name).
file(CREATE_LINK devk8s ${CMAKE_BINARY_DIR}/kubectl-devk8s SYMBOLIC)
file(MAKE_DIRECTORY ${DEVK8S_DOCS}/man)
file(CREATE_LINK devk8s.1.gz ${DEVK8S_DOCS}/man/kubectl-devk8s.1.gz SYMBOLIC)
configure_file(cmake/deb/changelog.in ${DEVK8S_DOCS}/changelog @ONLY)
add_custom_command(OUTPUT ${DEVK8S_DOCS}/changelog.gz
  COMMAND gzip -9 -n -f -k ${DEVK8S_DOCS}/changelog
  DEPENDS ${DEVK8S_DOCS}/changelog)
add_custom_target(devk8s_changelog ALL DEPENDS ${DEVK8S_DOCS}/changelog.gz)

install(FILES ${CMAKE_BINARY_DIR}/kubectl-devk8s DESTINATION bin)
install(FILES ${DEVK8S_DOCS}/man/devk8s.1.gz ${DEVK8S_DOCS}/man/kubectl-devk8s.1.gz DESTINATION share/man/man1)
install(FILES ${DEVK8S_DOCS}/completions/bash/devk8s DESTINATION share/bash-completion/completions)
# Debian's zsh reads /usr/share/zsh/vendor-completions (packages' own); under any other prefix,
# zsh's default fpath has PREFIX/share/zsh/site-functions.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(DEVK8S_ZSH_COMPLETION_DIR share/zsh/vendor-completions)
else()
  set(DEVK8S_ZSH_COMPLETION_DIR share/zsh/site-functions)
endif()
install(FILES ${DEVK8S_DOCS}/completions/zsh/_devk8s DESTINATION ${DEVK8S_ZSH_COMPLETION_DIR})
install(FILES ${DEVK8S_DOCS}/completions/fish/devk8s.fish DESTINATION share/fish/vendor_completions.d)
install(FILES cmake/deb/copyright ${DEVK8S_DOCS}/changelog.gz DESTINATION share/doc/devk8s)

# The .deb: `cpack -G DEB` in a build configured by scripts/package.sh (prefix /usr, Release, Debian's
# hardening flags). Depends comes from dpkg-shlibdeps on the binary, not from a list kept by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME devk8s)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${DEVK8S_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${DEVK8S_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# minikube is not in Debian; these are what devk8s drives or asks when they are there.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "kubernetes-client, docker.io, skopeo")
# CPack puts the summary first and indents the body itself (a blank line becomes " .").
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "local Kubernetes on minikube, through image mirrors")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "devk8s takes a host from nothing to a healthy minikube cluster and repairs the
cluster when it is not healthy, behind networks where gcr.io, registry.k8s.io
and docker.io cannot be reached. It checks every image minikube will use on
the chosen mirror before starting, rewrites manifests through mirror maps,
finds why pods, claims and addons are stuck (doctor), repairs images inside
the nodes (retag) and smoke-tests the cluster for CI.

Also a kubectl plugin: kubectl devk8s doctor.")
include(CPack)
