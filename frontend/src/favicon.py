"""Draw favicon.ico: the same plain door as favicon.svg, with no crown and no logo.

Run once by hand (`python favicon.py`) after changing the design; build.sh copies the result.
Standard library only: each size is a PNG (which ICO files may embed) drawn pixel by pixel.
"""

import struct
import zlib
from pathlib import Path

BLACK = (0x0B, 0x0C, 0x0C, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)

# Shapes on a 32-unit grid, painted in order: (x, y, width, height, colour).
SHAPES = [
    (10, 6, 12, 21, WHITE),  # the door
    (18, 16, 2, 2, BLACK),  # its handle
    (7, 27, 18, 2, WHITE),  # the step
]


def pixel(x: float, y: float) -> tuple[int, int, int, int]:
    colour = BLACK if _inside_rounded_square(x, y) else CLEAR
    for sx, sy, w, h, fill in SHAPES:
        if sx <= x < sx + w and sy <= y < sy + h:
            colour = fill
    return colour


def _inside_rounded_square(x: float, y: float, radius: float = 6) -> bool:
    cx = min(max(x, radius), 32 - radius)
    cy = min(max(y, radius), 32 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def png(size: int) -> bytes:
    scale = 32 / size
    rows = b"".join(
        b"\x00" + bytes(c for x in range(size) for c in pixel((x + 0.5) * scale, (y + 0.5) * scale))
        for y in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def ico(sizes: list[int]) -> bytes:
    images = [png(s) for s in sizes]
    offset = 6 + 16 * len(images)
    directory = b""
    for size, image in zip(sizes, images, strict=True):
        directory += struct.pack(
            "<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset
        )
        offset += len(image)
    return struct.pack("<HHH", 0, 1, len(images)) + directory + b"".join(images)


if __name__ == "__main__":
    Path(__file__).with_name("images").joinpath("favicon.ico").write_bytes(ico([16, 32, 48]))
