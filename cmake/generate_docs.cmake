# Run at build time (cmake -P) by cmake/package.cmake: the man page and the three completion
# scripts, generated from the command tree of the devk8s just built (issue #16).
#   -DGEN=gen_man_page -DDEVK8S=devk8s -DVERSION=0.1.0 -DDATE=YYYY-MM-DD -DOUT=dir
foreach(var GEN DEVK8S VERSION DATE OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "generate_docs.cmake: -D${var}= is required")
  endif()
endforeach()
file(MAKE_DIRECTORY ${OUT}/man ${OUT}/completions/bash ${OUT}/completions/zsh ${OUT}/completions/fish)
execute_process(COMMAND ${GEN} ${VERSION} ${DATE} ${OUT}/man/devk8s.1 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate_docs.cmake: writing the man page failed (${rc})")
endif()
# gzip -n: no name or time stamp inside, so the same page gives the same bytes (lintian and
# reproducible builds want both).
execute_process(COMMAND gzip -9 -n -c ${OUT}/man/devk8s.1 OUTPUT_FILE ${OUT}/man/devk8s.1.gz RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generate_docs.cmake: gzip failed (${rc})")
endif()
foreach(pair "bash;devk8s" "zsh;_devk8s" "fish;devk8s.fish")
  list(GET pair 0 shell)
  list(GET pair 1 name)
  execute_process(COMMAND ${DEVK8S} completion ${shell} OUTPUT_FILE ${OUT}/completions/${shell}/${name}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "generate_docs.cmake: devk8s completion ${shell} failed (${rc})")
  endif()
endforeach()
