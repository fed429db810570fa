from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def apply_service_errors(form, exc: ValidationError):
    """Show a service's ValidationError on the form, next to the field it names when the form has it.
    A refused stale save (StaleEdit) also gives a versioned form the current version."""
    from .versioning import StaleEdit

    if isinstance(exc, StaleEdit) and hasattr(form, "show_stale"):
        form.show_stale(exc)
        return form
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)
    return form


__all__ = ["apply_service_errors", "NON_FIELD_ERRORS"]
