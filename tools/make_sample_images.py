#!/usr/bin/env python3
"""Generate the sample logos and photos for the bundled sample content.

For every ``content/companies/<slug>/company.yaml`` this script reads the
``images:`` block (``logo:`` and ``- file:`` entries) and draws the named
files into the company folder:

* logos  -- PNG, 400x400, a flat geometric mark plus the company initials;
* photos -- JPEG (quality 80), 1600x1200, an abstract "factory-ish" scene
  (gradients, machine-like boxes, rollers, lights).

The output is fully deterministic: every image is drawn from a random
generator seeded with "<slug>/<file name>", so re-running the script gives
byte-identical files (for a given Pillow version).  Only Pillow and the
standard library are used; the YAML is scanned with a few regular
expressions instead of a YAML parser.

Usage:  python tools/make_sample_images.py [--check]

``--check`` only reports missing files and exits non-zero if any are
missing; it does not write anything.
"""

from __future__ import annotations

import io
import math
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
COMPANIES = ROOT / "content" / "companies"

LOGO_SIZE = 400
PHOTO_SIZE = (1600, 1200)
JPEG_QUALITY = 80
SS = 4  # supersampling factor for logos

# Flat brand-like colours for logos (dark, medium) pairs.
LOGO_PALETTES = [
    ("#1d5e8c", "#4fa3d9"),
    ("#8c1d2e", "#e0606f"),
    ("#1f6b3a", "#6cc08b"),
    ("#5a3d8c", "#a48fd6"),
    ("#b35a12", "#f2a65a"),
    ("#0f4c5c", "#5fb3b3"),
    ("#3b3b3b", "#9a9a9a"),
    ("#7a5c12", "#e0b53e"),
    ("#14406b", "#e36b2c"),
    ("#2d5016", "#b5c91d"),
]

# Machine body colours often seen in Japanese factories.
MACHINE_COLOURS = [
    (226, 228, 222),  # ivory white
    (205, 212, 206),  # light grey-green
    (120, 150, 140),  # machine green
    (70, 96, 120),    # blue grey
    (232, 232, 236),  # white
    (60, 64, 70),     # charcoal
    (196, 204, 214),  # light blue grey
]


# --------------------------------------------------------------------------
# Reading the profiles
# --------------------------------------------------------------------------

def image_files(yaml_text: str) -> tuple[str | None, list[str]]:
    """Return (logo, [photo files]) named in the ``images:`` block."""
    logo = None
    photos: list[str] = []
    in_images = False
    for line in yaml_text.splitlines():
        if re.match(r"^images:\s*$", line):
            in_images = True
            continue
        if in_images and re.match(r"^\S", line):  # next top-level key
            in_images = False
        if not in_images:
            continue
        m = re.match(r"^\s+logo:\s*['\"]?([^'\"\s#]+)", line)
        if m:
            logo = m.group(1)
            continue
        m = re.match(r"^\s+-?\s*\{?\s*file:\s*['\"]?([^'\",}\s#]+)", line)
        if m:
            photos.append(m.group(1))
    return logo, photos


def initials(slug: str) -> str:
    parts = [p for p in slug.split("-") if p]
    if len(parts) == 1:
        return parts[0][:2].upper()
    return "".join(p[0] for p in parts[:3]).upper()


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def hex_rgb(h: str) -> tuple[int, int, int]:
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def mix(a, b, t: float):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def shade(c, f: float):
    return tuple(max(0, min(255, int(round(v * f)))) for v in c)


def vgradient(size, top, bottom) -> Image.Image:
    w, h = size
    col = Image.new("RGB", (1, h))
    for y in range(h):
        col.putpixel((0, y), mix(top, bottom, y / max(1, h - 1)))
    return col.resize((w, h), Image.NEAREST)


def hgradient(size, left, right) -> Image.Image:
    w, h = size
    row = Image.new("RGB", (w, 1))
    for x in range(w):
        row.putpixel((x, 0), mix(left, right, x / max(1, w - 1)))
    return row.resize((w, h), Image.NEAREST)


def font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # very old Pillow: bitmap font only
        return ImageFont.load_default()


# --------------------------------------------------------------------------
# Logos
# --------------------------------------------------------------------------

def regular_polygon(cx, cy, r, n, rot=0.0):
    return [(cx + r * math.cos(rot + 2 * math.pi * i / n),
             cy + r * math.sin(rot + 2 * math.pi * i / n)) for i in range(n)]


def gear(cx, cy, r_out, r_in, teeth, rot=0.0):
    pts = []
    for i in range(teeth * 4):
        a = rot + 2 * math.pi * i / (teeth * 4)
        r = r_out if (i % 4) in (1, 2) else r_in
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def make_logo(slug: str, rng: random.Random) -> Image.Image:
    S = LOGO_SIZE * SS
    dark, light = (hex_rgb(c) for c in rng.choice(LOGO_PALETTES))
    white = (255, 255, 255)
    img = Image.new("RGB", (S, S), white)
    d = ImageDraw.Draw(img)
    cx, cy = S / 2, S * 0.40
    r = S * 0.27
    kind = rng.randrange(6)
    if kind == 0:  # gear
        d.polygon(gear(cx, cy, r, r * 0.82, rng.choice([8, 10, 12]), rng.random()), fill=dark)
        d.ellipse([cx - r * 0.5, cy - r * 0.5, cx + r * 0.5, cy + r * 0.5], fill=white)
        d.ellipse([cx - r * 0.3, cy - r * 0.3, cx + r * 0.3, cy + r * 0.3], fill=light)
    elif kind == 1:  # hexagon nut
        d.polygon(regular_polygon(cx, cy, r, 6, math.pi / 6), fill=dark)
        d.ellipse([cx - r * 0.45, cy - r * 0.45, cx + r * 0.45, cy + r * 0.45], fill=light)
    elif kind == 2:  # interlocking rings
        w = S * 0.035
        for dx, c in ((-r * 0.45, dark), (r * 0.45, light)):
            d.ellipse([cx + dx - r * 0.75, cy - r * 0.75, cx + dx + r * 0.75, cy + r * 0.75],
                      outline=c, width=int(w))
    elif kind == 3:  # diamond with a bar
        d.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=dark)
        d.rectangle([cx - r * 0.62, cy - r * 0.12, cx + r * 0.62, cy + r * 0.12], fill=light)
    elif kind == 4:  # stacked layers
        for i in range(4):
            y = cy - r + i * r * 0.55
            c = dark if i % 2 == 0 else light
            d.rounded_rectangle([cx - r, y, cx + r, y + r * 0.38], radius=r * 0.1, fill=c)
    else:  # leaf-like mark (momiji)
        d.polygon(regular_polygon(cx, cy, r, 5, -math.pi / 2), fill=dark)
        d.polygon(regular_polygon(cx, cy, r * 0.55, 5, math.pi / 2), fill=light)
        d.line([(cx, cy), (cx, cy + r * 1.05)], fill=dark, width=int(S * 0.02))

    text = initials(slug)
    f = font(int(S * (0.20 if len(text) <= 2 else 0.16)))
    box = d.textbbox((0, 0), text, font=f)
    tw, th = box[2] - box[0], box[3] - box[1]
    d.text((cx - tw / 2 - box[0], S * 0.80 - th / 2 - box[1]), text, font=f, fill=dark)
    d.rectangle([S * 0.2, S * 0.715, S * 0.8, S * 0.715 + S * 0.012], fill=light)
    return img.resize((LOGO_SIZE, LOGO_SIZE), Image.LANCZOS)


# --------------------------------------------------------------------------
# Photos
# --------------------------------------------------------------------------

def draw_machine(d: ImageDraw.ImageDraw, rng: random.Random, x, base_y, w, h, colour):
    """A box-shaped machine with a top face, a side face and details."""
    depth = w * rng.uniform(0.10, 0.18)
    top = shade(colour, 1.10)
    side = shade(colour, 0.78)
    front = colour
    # side and top faces (simple oblique projection)
    d.polygon([(x + w, base_y - h), (x + w + depth, base_y - h - depth * 0.5),
               (x + w + depth, base_y - depth * 0.5), (x + w, base_y)], fill=side)
    d.polygon([(x, base_y - h), (x + depth, base_y - h - depth * 0.5),
               (x + w + depth, base_y - h - depth * 0.5), (x + w, base_y - h)], fill=top)
    d.rectangle([x, base_y - h, x + w, base_y], fill=front)
    # safety stripe at the bottom
    stripe_h = h * 0.06
    d.rectangle([x, base_y - stripe_h, x + w, base_y], fill=(40, 40, 40))
    step = stripe_h * 1.6
    sx = x
    while sx < x + w:
        d.polygon([(sx, base_y), (sx + step / 2, base_y - stripe_h),
                   (min(sx + step, x + w), base_y - stripe_h), (min(sx + step / 2, x + w), base_y)],
                  fill=(230, 186, 40))
        sx += step
    # window (door) with glass reflection
    if rng.random() < 0.8:
        wx0 = x + w * rng.uniform(0.08, 0.18)
        wx1 = x + w * rng.uniform(0.50, 0.62)
        wy0 = base_y - h * 0.82
        wy1 = base_y - h * 0.30
        d.rectangle([wx0 - 6, wy0 - 6, wx1 + 6, wy1 + 6], fill=shade(front, 0.85))
        d.rectangle([wx0, wy0, wx1, wy1], fill=(38, 52, 62))
        d.polygon([(wx0 + (wx1 - wx0) * 0.15, wy0), (wx0 + (wx1 - wx0) * 0.35, wy0),
                   (wx0 + (wx1 - wx0) * 0.10, wy1), (wx0, wy1), (wx0, wy1 - 1)],
                  fill=(70, 90, 102))
        # something inside: a spindle and a table
        sx = (wx0 + wx1) / 2
        d.rectangle([sx - 14, wy0, sx + 14, wy0 + (wy1 - wy0) * 0.45], fill=(150, 156, 160))
        d.rectangle([wx0 + 10, wy1 - (wy1 - wy0) * 0.18, wx1 - 10, wy1 - 6], fill=(110, 116, 120))
    # control panel
    px0 = x + w * 0.70
    px1 = x + w * 0.92
    py0 = base_y - h * 0.85
    py1 = base_y - h * 0.45
    d.rectangle([px0, py0, px1, py1], fill=(48, 52, 58))
    d.rectangle([px0 + 8, py0 + 8, px1 - 8, py0 + (py1 - py0) * 0.45], fill=(60, 120, 150))
    for i in range(3):
        bx = px0 + (px1 - px0) * (0.22 + 0.28 * i)
        by = py1 - (py1 - py0) * 0.22
        c = [(200, 40, 40), (40, 170, 70), (230, 190, 40)][i]
        d.ellipse([bx - 9, by - 9, bx + 9, by + 9], fill=c)
    # signal tower
    if rng.random() < 0.7:
        tx = x + w * 0.88
        ty = base_y - h - depth * 0.5
        for i, c in enumerate([(210, 50, 50), (235, 190, 40), (60, 180, 80)]):
            d.rectangle([tx - 8, ty - 24 * (i + 1) - 20, tx + 8, ty - 24 * i - 20], fill=c)
        d.rectangle([tx - 3, ty - 20, tx + 3, ty], fill=(90, 90, 90))


def hall_background(rng: random.Random, W, H):
    horizon = int(H * rng.uniform(0.50, 0.60))
    wall_top = mix((70, 80, 92), (150, 160, 168), rng.random() * 0.5)
    wall_bottom = mix((190, 196, 200), (226, 224, 214), rng.random())
    img = vgradient((W, horizon), wall_top, wall_bottom)
    floor_c = rng.choice([(96, 128, 110), (128, 132, 138), (110, 124, 140), (150, 140, 120)])
    floor = vgradient((W, H - horizon), shade(floor_c, 1.1), shade(floor_c, 0.7))
    full = Image.new("RGB", (W, H))
    full.paste(img, (0, 0))
    full.paste(floor, (0, horizon))
    d = ImageDraw.Draw(full)
    vx = W * rng.uniform(0.35, 0.65)
    # high windows
    for i in range(8):
        x0 = i * W / 8 + 20
        d.rectangle([x0, horizon * 0.18, x0 + W / 8 - 40, horizon * 0.30], fill=(214, 228, 236))
    # roof trusses
    for i in range(-6, 7):
        d.line([(vx + i * W * 0.18, 0), (vx + i * 30, horizon * 0.12)], fill=(90, 96, 104), width=6)
    d.rectangle([0, horizon * 0.12 - 4, W, horizon * 0.12 + 4], fill=(90, 96, 104))
    # floor perspective lines and yellow safety lanes
    for i in range(-8, 9):
        d.line([(vx, horizon), (vx + i * W * 0.35, H)], fill=shade(floor_c, 0.8), width=3)
    for lane in (-0.9, 0.9):
        d.line([(vx + lane * 60, horizon), (vx + lane * W * 0.55, H)], fill=(226, 190, 40), width=14)
    return full, horizon


def add_lights(img: Image.Image, rng: random.Random, horizon):
    W, H = img.size
    glow = Image.new("L", (W, H), 0)
    g = ImageDraw.Draw(glow)
    n = rng.randint(4, 7)
    for i in range(n):
        cx = (i + 0.5) * W / n
        g.rectangle([cx - 70, horizon * 0.04, cx + 70, horizon * 0.07], fill=255)
    glow = glow.filter(ImageFilter.GaussianBlur(18))
    light = Image.new("RGB", (W, H), (255, 250, 236))
    return Image.composite(light, img, glow)


def scene_hall(rng: random.Random) -> Image.Image:
    W, H = PHOTO_SIZE
    img, horizon = hall_background(rng, W, H)
    d = ImageDraw.Draw(img)
    # back row (smaller), then front row (larger)
    for row, (scale, y) in enumerate(((0.55, horizon + 40), (1.0, H * 0.86))):
        x = rng.uniform(-120, 40) if row else rng.uniform(20, 120)
        colour = rng.choice(MACHINE_COLOURS)
        while x < W - 100:
            w = rng.uniform(360, 520) * scale
            h = rng.uniform(300, 420) * scale
            draw_machine(d, rng, x, y, w, h, colour)
            x += w + rng.uniform(80, 200) * scale
    # a crane rail or duct across the top
    if rng.random() < 0.6:
        d.rectangle([0, horizon * 0.40, W, horizon * 0.40 + 26], fill=(232, 182, 36))
        d.rectangle([W * 0.3, horizon * 0.40 + 26, W * 0.3 + 40, horizon * 0.62], fill=(60, 60, 60))
    img = add_lights(img, rng, horizon)
    return img.filter(ImageFilter.GaussianBlur(1.2))


def scene_bench(rng: random.Random) -> Image.Image:
    """Close-up of parts on a workbench (cylinders, rings, blocks)."""
    W, H = PHOTO_SIZE
    bench_y = int(H * rng.uniform(0.45, 0.55))
    back = vgradient((W, bench_y), (58, 64, 72), (120, 128, 136))
    top_c = rng.choice([(176, 170, 160), (90, 98, 104), (150, 166, 170)])
    bench = vgradient((W, H - bench_y), shade(top_c, 1.15), shade(top_c, 0.75))
    img = Image.new("RGB", (W, H))
    img.paste(back, (0, 0))
    img.paste(bench, (0, bench_y))
    d = ImageDraw.Draw(img)
    metal = rng.choice([(200, 204, 208), (190, 160, 110), (170, 176, 186), (228, 226, 220)])
    n = rng.randint(4, 7)
    for i in range(n):
        cx = W * (i + 0.5) / n + rng.uniform(-40, 40)
        cy = bench_y + (H - bench_y) * rng.uniform(0.30, 0.70)
        kind = rng.randrange(3)
        r = rng.uniform(70, 140)
        if kind == 0:  # standing cylinder
            hgt = rng.uniform(120, 260)
            body = hgradient((int(2 * r), int(hgt)), shade(metal, 0.6), shade(metal, 1.15))
            body2 = body.transpose(Image.FLIP_LEFT_RIGHT)
            half = Image.blend(body, body2, 0.35)
            img.paste(half, (int(cx - r), int(cy - hgt)))
            d.ellipse([cx - r, cy - hgt - r * 0.3, cx + r, cy - hgt + r * 0.3], fill=shade(metal, 1.12))
            d.ellipse([cx - r * 0.4, cy - hgt - r * 0.12, cx + r * 0.4, cy - hgt + r * 0.12],
                      fill=shade(metal, 0.55))
            d.ellipse([cx - r, cy - r * 0.3, cx + r, cy + r * 0.3], outline=shade(metal, 0.5), width=3)
        elif kind == 1:  # ring lying flat
            d.ellipse([cx - r, cy - r * 0.4, cx + r, cy + r * 0.4], fill=shade(metal, 0.9))
            d.ellipse([cx - r, cy - r * 0.4 - 18, cx + r, cy + r * 0.4 - 18], fill=shade(metal, 1.1))
            d.ellipse([cx - r * 0.55, cy - r * 0.22 - 18, cx + r * 0.55, cy + r * 0.22 - 18],
                      fill=shade(top_c, 0.8))
        else:  # machined block with holes
            bw, bh = r * 1.6, r * 0.9
            d.polygon([(cx - bw / 2, cy - bh), (cx - bw / 2 + 40, cy - bh - 30),
                       (cx + bw / 2 + 40, cy - bh - 30), (cx + bw / 2, cy - bh)], fill=shade(metal, 1.12))
            d.polygon([(cx + bw / 2, cy - bh), (cx + bw / 2 + 40, cy - bh - 30),
                       (cx + bw / 2 + 40, cy - 30), (cx + bw / 2, cy)], fill=shade(metal, 0.7))
            d.rectangle([cx - bw / 2, cy - bh, cx + bw / 2, cy], fill=shade(metal, 0.92))
            for j in range(3):
                hx = cx - bw / 2 + bw * (0.2 + 0.3 * j)
                d.ellipse([hx - 14, cy - bh * 0.55 - 14, hx + 14, cy - bh * 0.55 + 14],
                          fill=shade(metal, 0.45))
    # soft light spot
    glow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(glow).ellipse([W * 0.2, -H * 0.3, W * 0.8, H * 0.35], fill=90)
    glow = glow.filter(ImageFilter.GaussianBlur(120))
    img = Image.composite(Image.new("RGB", (W, H), (255, 255, 255)), img, glow)
    return img.filter(ImageFilter.GaussianBlur(1.5))


def scene_inspection(rng: random.Random) -> Image.Image:
    """A bridge-type measuring machine on a granite table in a bright room."""
    W, H = PHOTO_SIZE
    img = vgradient((W, H), (214, 220, 226), (164, 172, 178))
    d = ImageDraw.Draw(img)
    floor_y = H * 0.78
    d.rectangle([0, floor_y, W, H], fill=(150, 160, 168))
    # granite table
    tx0, tx1 = W * 0.18, W * 0.82
    ty = H * 0.62
    d.polygon([(tx0, ty), (tx0 + 80, ty - 90), (tx1 + 80, ty - 90), (tx1, ty)], fill=(70, 72, 78))
    d.rectangle([tx0, ty, tx1, ty + 60], fill=(48, 50, 56))
    d.rectangle([tx0 + 40, ty + 60, tx1 - 40, floor_y], fill=(120, 126, 132))
    # bridge
    bx = W * rng.uniform(0.38, 0.55)
    for off in (0, 300):
        d.rectangle([bx + off - 20, ty - 420, bx + off + 20, ty - 40], fill=(230, 230, 226))
    d.rectangle([bx - 40, ty - 470, bx + 340, ty - 400], fill=(238, 238, 234))
    d.rectangle([bx + 130, ty - 470, bx + 190, ty - 160], fill=(210, 212, 214))
    d.rectangle([bx + 152, ty - 160, bx + 168, ty - 110], fill=(90, 90, 96))
    d.ellipse([bx + 150, ty - 118, bx + 170, ty - 98], fill=(200, 40, 40))
    # workpiece
    d.rectangle([bx + 100, ty - 80, bx + 240, ty - 20], fill=(196, 200, 206))
    # monitor on a desk
    mx = W * 0.86
    d.rectangle([mx - 10, H * 0.48, mx + 200, H * 0.62], fill=(30, 34, 40))
    d.rectangle([mx, H * 0.49, mx + 190, H * 0.61], fill=(60, 110, 150))
    d.rectangle([mx + 90, H * 0.62, mx + 100, H * 0.70], fill=(60, 60, 60))
    d.rectangle([mx - 60, H * 0.70, W, H * 0.73], fill=(200, 196, 186))
    img = add_lights(img, rng, H * 0.5)
    return img.filter(ImageFilter.GaussianBlur(1.2))


BENCH_WORDS = ("parts", "busbar", "chamber", "ceramics", "stainless", "furniture")
INSPECTION_WORDS = ("inspection", "clean-room")


def make_photo(slug: str, name: str, rng: random.Random) -> Image.Image:
    stem = name.rsplit(".", 1)[0]
    if any(w in stem for w in INSPECTION_WORDS):
        return scene_inspection(rng)
    if any(w in stem for w in BENCH_WORDS):
        return scene_bench(rng)
    return scene_hall(rng)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def encode(img: Image.Image, name: str) -> bytes:
    buf = io.BytesIO()
    if name.lower().endswith(".png"):
        img.save(buf, format="PNG", optimize=True)
    else:
        img.save(buf, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    missing = 0
    written = 0
    total = 0
    for yml in sorted(COMPANIES.glob("*/company.yaml")):
        slug = yml.parent.name
        logo, photos = image_files(yml.read_text(encoding="utf-8"))
        jobs = ([(logo, True)] if logo else []) + [(p, False) for p in photos]
        for name, is_logo in jobs:
            target = yml.parent / name
            if check_only:
                if not target.exists():
                    print(f"missing: {target.relative_to(ROOT)}")
                    missing += 1
                continue
            rng = random.Random(f"{slug}/{name}")
            img = make_logo(slug, rng) if is_logo else make_photo(slug, name, rng)
            data = encode(img, name)
            total += len(data)
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
                written += 1
    if check_only:
        return 1 if missing else 0
    print(f"{written} file(s) written, {total / 1024:.0f} KiB in total")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
