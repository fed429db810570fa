"""A signature drawn on the signing screen: the browser sends the canvas as a PNG data URL; only a real, small PNG
is kept, decoded and encoded again by Pillow, so nothing but pixels is stored or shown."""

import base64
import binascii
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PREFIX = "data:image/png;base64,"
MAX_BYTES = 300_000  # a 600×200 canvas of strokes is a few kB; this leaves room for a high-density screen
MAX_SIDE = 2400


def drawing_clean(value: str | None) -> str:
    """The drawing as base64 PNG ("" for none or a blank canvas); a ValidationError keyed "drawing" otherwise."""
    from PIL import Image, UnidentifiedImageError

    value = (value or "").strip()
    if not value:
        return ""
    refused = ValidationError({"drawing": _("Den tegnede underskrift kunne ikke læses. Tegn den igen, eller skriv "
                                            "kun dit navn.")})
    if not value.startswith(PREFIX) or len(value) > len(PREFIX) + MAX_BYTES * 4 // 3 + 4:
        raise refused
    try:
        raw = base64.b64decode(value[len(PREFIX):], validate=True)
        with Image.open(io.BytesIO(raw)) as image:
            if image.format != "PNG" or max(image.size) > MAX_SIDE:
                raise refused
            image.load()
            pixels = image.convert("LA")
    except (binascii.Error, ValueError, OSError, UnidentifiedImageError, Image.DecompressionBombError):
        raise refused from None
    if pixels.getchannel("A").getbbox() is None:  # nothing drawn
        return ""
    out = io.BytesIO()
    pixels.save(out, format="PNG", optimize=True)
    return base64.b64encode(out.getvalue()).decode("ascii")
