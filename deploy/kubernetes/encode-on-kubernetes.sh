#!/usr/bin/env bash
# Example: the encode job on Kubernetes with GPU executors, images and codes in S3 (s3a://), the model on a volume.
# Driver and executors run the GPU image of deploy/docker/Dockerfile; swapae-submit runs here, in cluster mode.
#
# Before the first run (namespace "swapae" here):
#   - the image, pushed where the cluster pulls from:
#       docker build -f deploy/docker/Dockerfile --target gpu --build-context libtorch=/path/to/libtorch -t REGISTRY/swapae:0.1.0-gpu .
#   - a service account the driver creates executor pods with:
#       kubectl -n swapae create serviceaccount spark
#       kubectl -n swapae create rolebinding spark --clusterrole=edit --serviceaccount=swapae:spark
#   - the S3 credentials, as a secret (s3a reads them from the pods' environment):
#       kubectl -n swapae create secret generic swapae-s3 --from-literal=access-key=... --from-literal=secret-key=...
#   - a volume claim "swapae-models" holding the model (e.g. mountain.safetensors: swapae models convert), mounted
#     read-only at /models in the driver and every executor: the job reads --model at the same path everywhere.
#
# Then:
#   K8S_MASTER=k8s://https://api.example.com:6443 SWAPAE_IMAGE=REGISTRY/swapae:0.1.0-gpu \
#     deploy/kubernetes/encode-on-kubernetes.sh --input s3a://photos/landscapes/ --output s3a://work/codes \
#     --model /models/mountain.safetensors
# Optional: K8S_NAMESPACE (swapae), EXECUTORS (2), S3_ENDPOINT (for S3-compatible stores; path-style access),
# PRINT=1 to print the spark-submit command instead of running it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${K8S_MASTER:?set K8S_MASTER to the cluster, e.g. k8s://https://api.example.com:6443}"
: "${SWAPAE_IMAGE:?set SWAPAE_IMAGE to the GPU image built from deploy/docker/Dockerfile}"
namespace="${K8S_NAMESPACE:-swapae}"

s3_endpoint=()
if [[ -n "${S3_ENDPOINT:-}" ]]; then
  s3_endpoint=(--conf "spark.hadoop.fs.s3a.endpoint=$S3_ENDPOINT" --conf spark.hadoop.fs.s3a.path.style.access=true)
fi

volume=()
for role in driver executor; do
  prefix="spark.kubernetes.$role.volumes.persistentVolumeClaim.models"
  volume+=(--conf "$prefix.options.claimName=swapae-models" --conf "$prefix.mount.path=/models"
           --conf "$prefix.mount.readOnly=true")
done

credentials=()
for role in driver executor; do
  credentials+=(--conf "spark.kubernetes.$role.secretKeyRef.AWS_ACCESS_KEY_ID=swapae-s3:access-key"
                --conf "spark.kubernetes.$role.secretKeyRef.AWS_SECRET_ACCESS_KEY=swapae-s3:secret-key")
done

print=()
[[ -n "${PRINT:-}" ]] && print=(--print)

exec "$here/../bin/swapae-submit" "${print[@]}" --gpu --installed-at /opt/swapae \
  --master "$K8S_MASTER" --deploy-mode cluster \
  --conf "spark.kubernetes.namespace=$namespace" \
  --conf "spark.kubernetes.container.image=$SWAPAE_IMAGE" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark \
  --conf "spark.kubernetes.executor.podTemplateFile=$here/executor-pod-template.yaml" \
  --conf "spark.executor.instances=${EXECUTORS:-2}" \
  --conf spark.hadoop.fs.s3a.aws.credentials.provider=com.amazonaws.auth.EnvironmentVariableCredentialsProvider \
  "${credentials[@]}" "${volume[@]}" "${s3_endpoint[@]}" \
  -- encode "$@"
