"""Regenerate the PyTorch reference numbers hard-coded in test_torch_references.py.

Not a test and not a dependency: run it by hand in a throw-away venv that has torch, e.g.

    python -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install torch==2.13.0 numpy
    /tmp/torchvenv/bin/python tests/engine/make_torch_references.py

It prints Python literals to paste into the test module. All maths is float64.
"""

import torch

torch.set_default_dtype(torch.float64)

START = (-1.2, 1.0)
STEPS = 8

OPTIMIZER_CASES = [
    ("sgd", 1e-3, {}),
    ("momentum", 2e-4, {}),
    ("momentum", 2e-4, {"momentum": 0.5, "dampening": 0.3, "weight_decay": 0.1}),
    ("nesterov", 2e-4, {}),
    ("adagrad", 0.1, {}),
    ("adagrad", 0.1, {"lr_decay": 0.05, "initial_accumulator_value": 0.2, "weight_decay": 0.01}),
    ("rmsprop", 0.01, {}),
    ("rmsprop", 0.003, {"centered": True, "momentum": 0.5, "alpha": 0.9, "weight_decay": 0.02}),
    ("adam", 0.01, {}),
    ("adam", 0.05, {"betas": (0.8, 0.99), "amsgrad": True, "weight_decay": 0.01, "eps": 1e-6}),
]


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def torch_optimizer(name, params, lr, hyper):
    hyper = dict(hyper)
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, **hyper)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, **{"momentum": 0.9, **hyper})
    if name == "nesterov":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, nesterov=True, **hyper)
    cls = {"adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop, "adam": torch.optim.Adam}
    return cls[name](params, lr=lr, **hyper)


def run_optimizer(name, lr, hyper, scheduler=None):
    p = torch.tensor(START, requires_grad=True)
    opt = torch_optimizer(name, [p], lr, hyper)
    sched = scheduler(opt) if scheduler else None
    path = []
    for _ in range(STEPS):
        opt.zero_grad()
        rosenbrock(p).backward()
        opt.step()
        if sched:
            sched.step()
        path.append(tuple(float(v) for v in p.detach()))
    return path


def schedule_rates(make, steps=25, base=0.1):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base)
    sched = make(opt)
    rates = []
    for _ in range(steps):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return rates


if __name__ == "__main__":
    print(f"# torch {torch.__version__}")
    print("OPTIMIZER_PATHS = [")
    for name, lr, hyper in OPTIMIZER_CASES:
        print(f"    ({name!r}, {lr!r}, {hyper!r}, {run_optimizer(name, lr, hyper)!r}),")
    print("]")
    sched = torch.optim.lr_scheduler
    print("SCHEDULE_RATES = {")
    cases = {
        "step": ({"step_size": 3, "gamma": 0.5}, lambda o: sched.StepLR(o, 3, 0.5)),
        "exponential": ({"gamma": 0.9}, lambda o: sched.ExponentialLR(o, 0.9)),
        "cosine": (
            {"t_max": 10, "eta_min": 0.001},
            lambda o: sched.CosineAnnealingLR(o, T_max=10, eta_min=0.001),
        ),
        "linear_warmup": (
            {"warmup_steps": 4},
            lambda o: sched.LinearLR(o, start_factor=1 / 5, total_iters=4),
        ),
    }
    for name, (params, make) in cases.items():
        print(f"    {name!r}: ({params!r}, {schedule_rates(make)!r}),")
    print("}")
    path = run_optimizer("sgd", 1e-3, {}, lambda o: sched.StepLR(o, 2, 0.5))
    print(f"SGD_STEPLR_PATH = {path!r}")
