#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript, spark.worker.resource.gpu.discoveryScript):
# prints this node's GPUs as Spark expects them, e.g. {"name": "gpu", "addresses": ["0","1"]}, or explains on stderr
# why there are none and exits 1, which makes Spark refuse to start a GPU executor here.
#
# The addresses are the CUDA device indexes that the executor's libtorch will see: nvidia-smi's indexes, or, when
# CUDA_VISIBLE_DEVICES restricts this process (and so the executors it starts), 0..k-1 for its k entries.
# nvidia-smi numbers GPUs in PCI bus order; CUDA does the same with CUDA_DEVICE_ORDER=PCI_BUS_ID, which
# conf/spark-defaults-gpu.conf sets for the executors.
# Uses only bash builtins besides nvidia-smi.
set -euo pipefail
me="get-gpus-resources.sh"

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "$me: nvidia-smi not found on PATH ($PATH): no NVIDIA driver on this node, or not in this container" >&2
  exit 1
fi
if ! listing=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>&1); then
  echo "$me: nvidia-smi --query-gpu=index failed: ${listing//$'\n'/ }" >&2
  exit 1
fi

indexes=()
while IFS= read -r line; do
  line="${line//[[:space:]]/}"
  [[ -z "$line" ]] && continue
  if [[ ! "$line" =~ ^[0-9]+$ ]]; then
    echo "$me: nvidia-smi printed '$line' where a GPU index was expected" >&2
    exit 1
  fi
  indexes+=("$line")
done <<< "$listing"
if (( ${#indexes[@]} == 0 )); then
  echo "$me: nvidia-smi lists no GPUs on this node" >&2
  exit 1
fi

if [[ -n "${CUDA_VISIBLE_DEVICES+set}" ]]; then
  IFS=, read -r -a visible <<< "$CUDA_VISIBLE_DEVICES"
  if (( ${#visible[@]} == 0 )); then
    echo "$me: CUDA_VISIBLE_DEVICES is set but empty: CUDA sees no GPU here" >&2
    exit 1
  fi
  if (( ${#visible[@]} > ${#indexes[@]} )); then
    echo "$me: CUDA_VISIBLE_DEVICES='$CUDA_VISIBLE_DEVICES' names ${#visible[@]} devices but nvidia-smi lists" \
      "only ${#indexes[@]} GPU(s)" >&2
    exit 1
  fi
  indexes=()
  for ((i = 0; i < ${#visible[@]}; i++)); do
    indexes+=("$i")
  done
fi

addresses=""
for index in "${indexes[@]}"; do
  addresses+="${addresses:+,}\"$index\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
