# A real torch checkpoint for bench/scan-local.ts: written by torch.save itself (the zip format since torch 1.6),
# so its storages hold float bytes as a model's do, not a synthetic pattern.
#   python3 bench/torch-checkpoint.py SIZE_GIB OUT   (64 fp32 tensors of randn, fixed seed)
import sys

import torch


def main() -> None:
    gib = float(sys.argv[1])
    out = sys.argv[2]
    tensors = 64
    cols = 2048
    rows = max(1, int(gib * 1024**3 / tensors / 4 / cols))
    torch.manual_seed(17)
    state = {f"layers.{i}.weight": torch.randn(rows, cols) for i in range(tensors)}
    torch.save(state, out)
    print(f"{out}: {tensors} tensors of {rows}x{cols} fp32, torch {torch.__version__}")


main()
