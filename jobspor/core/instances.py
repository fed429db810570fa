"""`instance_new(Model, **values)`: the same unsaved object as `Model(**values)`, made in a fraction of the time,
for the services' batch writers (an import builds several objects per record: events, CV lines, week hours).

Django's `Model.__init__` looks every field up in the keyword arguments, calls its `get_default()` and sets it
through its descriptor: about 25 µs per object. Here the fields are planned once per model: a field whose
descriptor only stores the value (a plain column, a foreign key's id) is written to the instance's `__dict__`,
a default that is the same object every time (no callable) is taken once, and a related object (`case=case`)
still goes through its descriptor, which sets the id and the cache as before. A model with its own `__init__`, or
with pre_init/post_init receivers, is made by its constructor as before.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import router
from django.db.models import DEFERRED, Model
from django.db.models.base import ModelState
from django.db.models.fields.related import ForeignObjectRel
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute, ForwardManyToOneDescriptor
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

_CALL = object()  # the default must be asked for each object (a callable default)
_plans: dict[type, list] = {}


def _plan(model) -> list:
    """(field, name, attname, related, direct, default) per field as Model.__init__ goes through them."""
    plan = []
    for field in model._meta.fields:
        if field.column is None or field.generated:
            continue
        related = isinstance(field.remote_field, ForeignObjectRel)
        # A descriptor that only stores the value (DeferredAttribute; a foreign key's id clears a cache that a new
        # object does not have yet): the value goes straight into __dict__.
        direct = type(getattr(model, field.attname, None)) in (DeferredAttribute, ForeignKeyDeferredAttribute)
        if related:  # a plain foreign key: one column, Django's own descriptor for the object
            direct = (direct and len(field.related_fields) == 1
                      and type(getattr(model, field.name, None)) is ForwardManyToOneDescriptor)
        if field.has_default() and callable(field.default):
            default = _CALL
        else:
            default = field.get_default()  # Django gives the same object for every instance
        if related and direct:
            # What the descriptor needs for a saved related object: its model, the column it points to, the cache.
            related = (field.remote_field.model._meta.concrete_model, field.related_fields[0][1].attname,
                       field.cache_name)
        plan.append((field, field.name, field.attname, related, direct, default))
    return plan


def instance_new(model, **values):
    """`model(**values)`: the same object, made faster (see the module's docstring)."""
    if (model.__init__ is not Model.__init__ or pre_init.has_listeners(model) or post_init.has_listeners(model)
            or model._meta.abstract):
        return model(**values)
    plan = _plans.get(model)
    if plan is None:
        plan = _plans[model] = _plan(model)
    obj = model.__new__(model)
    state = obj._state = ModelState()
    attrs = obj.__dict__
    no_routers = not router.routers
    for field, name, attname, related, direct, default in plan:
        if related and name in values:
            rel_obj = values.pop(name)
            if rel_obj is None and direct:
                # What the descriptor does for None on a new object (whose cache is empty), without the KeyError
                # it raises and catches looking for an old related object: no id, None cached.
                attrs[attname] = None
                field.set_cached_value(obj, None)
            elif (direct and no_routers and type(rel_obj) is related[0] and rel_obj._state.db is not None
                  and state.db in (None, rel_obj._state.db)):
                # What the descriptor does for a saved object without database routers: the new object takes its
                # database (db_for_write gives the related object's), the relation is allowed (the same
                # database), the id is copied into __dict__ (no cache to clear yet) and the object cached.
                state.db = rel_obj._state.db
                attrs[attname] = getattr(rel_obj, related[1])
                state.fields_cache[related[2]] = rel_obj
            elif rel_obj is not DEFERRED:
                setattr(obj, name, rel_obj)
            continue
        if attname in values:
            value = values.pop(attname)
        elif default is _CALL:
            value = field.get_default()
        else:
            value = default
        if value is DEFERRED:
            continue
        if direct:
            attrs[attname] = value
        else:
            setattr(obj, attname, value)
    if values:  # properties and anything else: as Model.__init__ does it (its TypeError included)
        opts = model._meta
        for prop, value in values.items():
            if prop not in opts._property_names:
                try:
                    opts.get_field(prop)
                except FieldDoesNotExist:
                    raise TypeError(f"{model.__name__}() got unexpected keyword arguments: '{prop}'") from None
            if value is not DEFERRED:
                setattr(obj, prop, value)
    return obj
