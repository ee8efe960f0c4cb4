"""Throughput of the OFFICIAL Swapping Autoencoder code on CPU, for comparison with `swapae bench model`.

Same measurement as swapae's: default architecture (256 px), random weights, float32, no_grad, one warm-up run,
median of three timed runs per batch size; generate uses fixed (1,1,h,w) noise. Needs Debian's python3-torch, the
official code exported to $SAE_OFFICIAL (default /tmp/sae-official) and the import shim official_env.py of the
reference fixtures (directory given by $SAE_TOOLS, default ../shared/fixtures/tools):

    GLIBC_TUNABLES=... /usr/bin/python3 deploy/bench/official_model_bench.py --batch 1,4,8 --threads 2
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.environ.get("SAE_TOOLS", os.path.join(os.path.dirname(__file__), "../../../shared/fixtures/tools")))
import official_env as oe  # noqa: E402
import torch  # noqa: E402


def median_seconds(call, warmup=1, runs=3):
    for _ in range(warmup):
        call()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", default="1,4,8")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--size", type=int, default=256)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    opt = oe.parse_official_options(["--crop_size %d --load_size %d" % (a.size, a.size)])
    model = oe.build_official_model(opt)
    E, G = model.E, model.G
    with torch.no_grad():
        for b in [int(x) for x in a.batch.split(",")]:
            x = torch.rand(b, 3, a.size, a.size) * 2 - 1
            sp, gl = E(x)
            for m in G.modules():
                if m.__class__.__name__ == "NoiseInjection":
                    m.fixed_noise = None
            G(sp, gl)
            for m in G.modules():
                if m.__class__.__name__ == "NoiseInjection" and m.image_size is not None:
                    m.fixed_noise = torch.randn(1, 1, m.image_size[2], m.image_size[3])
            enc = median_seconds(lambda: E(x))
            gen = median_seconds(lambda: G(sp, gl))
            print(json.dumps({"batch": b, "encode_images_per_s": round(b / enc, 3),
                              "generate_images_per_s": round(b / gen, 3), "threads": a.threads,
                              "torch": torch.__version__,
                              "allocator": os.environ.get("GLIBC_TUNABLES", "glibc default")}), flush=True)


if __name__ == "__main__":
    main()
