"""One module per record type; importing them registers them (InterchangeConfig.ready).

The order here breaks ties in the dependency order (and so the order of an export): add new types to it."""

from importlib import import_module

MODULES = ["team", "employee", "citizen", "case", "cv", "contact", "company", "job", "placement"]

for _name in MODULES:
    import_module(f"{__name__}.{_name}")
