"""Makes views.pth: tensors that are views (transposed, offset, expanded), other dtypes and a Parameter,
saved by torch.save to a stream (top folder "archive/"). Run with Debian's python3-torch (1.13)."""
import collections
import io
import sys

import torch

base = torch.arange(10, dtype=torch.float32)
sd = collections.OrderedDict()
sd['E.transposed'] = torch.arange(6, dtype=torch.float32).reshape(2, 3).t()
sd['E.base'] = base
sd['E.slice'] = base[4:8]
sd['E.expanded'] = torch.tensor([1.0, 2.0]).expand(3, 2)
sd['E.half'] = torch.tensor([1.5, -2.0, 0.25]).half()
sd['E.bf16'] = torch.tensor([1.5, -2.0]).bfloat16()
sd['E.double'] = torch.tensor([0.1, 0.2], dtype=torch.float64)
sd['E.param'] = torch.nn.Parameter(torch.tensor([7.0, 8.0]))
sd['E.scalar'] = torch.tensor(3.0)
sd['E.empty'] = torch.zeros(0, 3)
sd['count'] = torch.tensor([5], dtype=torch.int64)
buf = io.BytesIO()
torch.save(sd, buf)
open(sys.argv[1] if len(sys.argv) > 1 else 'views.pth', 'wb').write(buf.getvalue())
