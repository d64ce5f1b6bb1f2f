#!/usr/bin/env python3
"""Writes a multi-document manifest stream like `helm template` output: Deployments, each with
an init container and two containers (the benchmark stream of issue #2).
Usage: gen_manifests.py DOCUMENTS > stream.yaml"""
import sys

TEMPLATE = """---
# Source: app/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: team-{ns}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: app-{i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-{i}
    spec:
      initContainers:
        - name: init
          image: "busybox:1.3{m}"
          command: ["sh", "-c", "true"]
      containers:
        - name: app
          image: k8s.gcr.io/metrics-server/metrics-server:v0.4.{m}
          resources:
            limits: {{cpu: 200m, memory: 256Mi}}
        - name: sidecar
          image: 'quay.io/prometheus/node-exporter:v1.{m}.0'
          args: ["--path.rootfs=/host"]
"""

def main():
    n = int(sys.argv[1])
    out = sys.stdout
    for i in range(n):
        out.write(TEMPLATE.format(i=i, ns=i % 200, m=i % 10))

if __name__ == "__main__":
    main()
