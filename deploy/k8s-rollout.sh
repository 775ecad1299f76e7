#!/usr/bin/env bash
# Helm-free rollout with plain kubectl (Argo CD users: the Job is a PreSync
# hook instead, see docs/deploy.md):
#   deploy/k8s-rollout.sh prod        # or dev
# 1. renders the overlay; 2. applies what the migration needs (objects
# labelled pokervod.io/pre-deploy=true: namespaces, config, network policies,
# the Job) and waits until block G's migrate Job succeeded; 3. applies
# everything, so the apps of the new release start on a migrated database.
# A failed migration stops here: the running release is untouched.
set -euo pipefail
overlay="${1:?usage: deploy/k8s-rollout.sh <overlay: dev|prod>}"
dir="$(cd "$(dirname "$0")/.." && pwd)/k8s/overlays/$overlay"
ns="${POKERVOD_NAMESPACE:-pokervod}"
rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT

kubectl kustomize "$dir" > "$rendered"
# A Job's pod template is immutable: the previous release's Job goes first.
kubectl -n "$ns" delete job database-migrate --ignore-not-found --wait=true
kubectl apply -f "$rendered" -l pokervod.io/pre-deploy=true
if ! kubectl -n "$ns" wait --for=condition=complete job/database-migrate --timeout="${MIGRATE_TIMEOUT:-15m}"; then
  kubectl -n "$ns" logs job/database-migrate --tail=50 || true
  echo "migration failed: not rolling out" >&2
  exit 1
fi
kubectl apply -f "$rendered"
for d in $(kubectl -n "$ns" get deployments -l app.kubernetes.io/part-of=pokervod -o name); do
  kubectl -n "$ns" rollout status "$d" --timeout="${ROLLOUT_TIMEOUT:-10m}"
done
