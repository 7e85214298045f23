"""QR codes to each company's web page, as small grey-scale PNG data URIs (DeviceGray: black ink only in print)."""
from __future__ import annotations

import base64
import io
from functools import lru_cache


@lru_cache(maxsize=8192)
def qr_data_uri(url: str) -> str:
    """A QR code of `url` (error correction M, quiet zone of 2 modules) as a data: URI."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=2)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
