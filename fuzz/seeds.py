#!/usr/bin/env python3
"""Writes the seed inputs under fuzz/seeds/: small photos made here or shrunk from
the sample photos, content files, and pipeline cases in the format the `pipeline`
target reads. Needs Pillow and fontTools (pip install pillow fonttools).

Run from the repository root: python3 fuzz/seeds.py [SAMPLE_PHOTO_DIR]
"""

import io
import os
import struct
import sys

from PIL import Image, ImageDraw

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")
SAMPLES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "assets", "photos")


def save(target, name, data):
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def picture(mode, size=(48, 32)):
    """A small picture with edges and gradients, so every codec path has work."""
    img = Image.new("RGB", size)
    px = img.load()
    for y in range(size[1]):
        for x in range(size[0]):
            px[x, y] = (x * 255 // size[0], y * 255 // size[1], (x ^ y) * 8 % 256)
    if min(size) > 8:
        ImageDraw.Draw(img).ellipse((4, 4, size[0] - 4, size[1] - 4), outline=(255, 255, 255))
    if mode == "RGBA":
        img = img.convert("RGBA")
        img.putalpha(Image.linear_gradient("L").resize(size))
        return img
    return img.convert(mode)


def encode(img, fmt, **kw):
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


def exif_orientation(value):
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


def srgb_icc():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def photos():
    """name -> bytes of small photos covering the formats `prepare` handles."""
    out = {}
    rgb = picture("RGB")
    out["rgb.jpg"] = encode(rgb, "JPEG", quality=80)
    out["rgb-progressive.jpg"] = encode(rgb, "JPEG", quality=70, progressive=True)
    out["rgb-444.jpg"] = encode(rgb, "JPEG", quality=90, subsampling=0)
    out["rgb-restart.jpg"] = encode(rgb, "JPEG", quality=60, restart_marker_blocks=1)
    out["gray.jpg"] = encode(picture("L"), "JPEG")
    out["cmyk-adobe.jpg"] = encode(picture("CMYK"), "JPEG")
    out["exif-6.jpg"] = encode(picture("RGB", (40, 24)), "JPEG", exif=exif_orientation(6))
    out["exif-3.jpg"] = encode(rgb, "JPEG", exif=exif_orientation(3))
    out["icc.jpg"] = encode(rgb, "JPEG", icc_profile=srgb_icc())
    out["tiny.jpg"] = encode(picture("RGB", (1, 1)), "JPEG")
    out["rgb.png"] = encode(rgb, "PNG")
    out["rgba.png"] = encode(picture("RGBA"), "PNG")
    out["gray.png"] = encode(picture("L"), "PNG")
    out["gray-alpha.png"] = encode(picture("RGBA").convert("LA"), "PNG")
    out["palette.png"] = encode(rgb.convert("P", palette=Image.ADAPTIVE, colors=16), "PNG")
    out["palette-trns.png"] = encode(
        picture("RGBA").convert("P", palette=Image.ADAPTIVE, colors=8), "PNG"
    )
    out["bilevel.png"] = encode(rgb.convert("1"), "PNG")
    out["gray16.png"] = encode(picture("L").convert("I;16"), "PNG")
    out["interlaced.png"] = encode(rgb, "PNG", interlace=1)
    out["icc.png"] = encode(rgb, "PNG", icc_profile=srgb_icc())
    out["exif-8.png"] = encode(picture("RGB", (40, 24)), "PNG", exif=exif_orientation(8))
    # The sample photos, shrunk, keeping their mode, profile and orientation.
    for name in sorted(os.listdir(SAMPLES)):
        if not name.endswith((".jpg", ".png")):
            continue
        src = Image.open(os.path.join(SAMPLES, name))
        kw = {}
        if src.info.get("icc_profile"):
            kw["icc_profile"] = src.info["icc_profile"]
        if src.info.get("exif"):
            kw["exif"] = src.info["exif"]
        small = src.copy()
        small.thumbnail((96, 96))
        stem, ext = os.path.splitext(name)
        if ext == ".jpg":
            out["sample-" + stem + ".jpg"] = encode(small, "JPEG", quality=75, **kw)
        else:
            out["sample-" + stem + ".png"] = encode(small, "PNG", **kw)
    return out


# A Hangul syllable: no bundled font has it, so text with it is set in the extra font.
HANGUL = "\uac00"


def tiny_font(drop=()):
    """NotoSans cut down to a few letters, renamed "Fuzz Sans" (a family name of its
    own, or the bundled Noto Sans would be picked instead) and with its `A` also
    mapped to HANGUL: a real fallback font the fuzzer can damage. Tables in `drop`
    are left out."""
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    font = subset.load_font(os.path.join(ROOT, "fonts", "NotoSans-Regular.ttf"), options)
    sub = subset.Subsetter(options)
    sub.populate(text="Abc")
    sub.subset(font)
    for table in font["cmap"].tables:
        if 0x41 in table.cmap:
            table.cmap[ord(HANGUL)] = table.cmap[0x41]
    names = {1: "Fuzz Sans", 4: "Fuzz Sans Regular", 6: "FuzzSans-Regular", 16: "Fuzz Sans"}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    for tag in drop:
        del font[tag]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def case(layout, flags, text, photo, font=None):
    """A pipeline case: layout, flags, then length-prefixed content, photo, font."""
    data = bytes([layout, flags])
    for part in (text, photo) + ((font,) if font is not None else ()):
        data += struct.pack("<I", len(part)) + part
    return data


def main():
    with open(os.path.join(ROOT, "content", "japan-heart-cambodia.yaml"), "rb") as f:
        example = f.read()

    pics = photos()
    for name, data in pics.items():
        save("photo", name, data)

    save("content", "example.yaml", example)
    save("content", "minimal.yaml", b"""lang: ja
title: T
organisation:
  name: O
  tagline: G
  website: example.org
  contact: C
  brand_color: "#123"
key_figures:
  - value: "1"
    label: L
sections:
  - heading: H
    body: "B *e* **s** https://example.org"
photos:
  - file: p.jpg
    alt: A
""")
    save("content", "flow.yaml", b"{lang: km, title: [1, 2], organisation: {name: &a x, tagline: *a}, photos: [], chart: {bars: [{label: a, value: -1}]}}\n")

    font = tiny_font()
    photo = pics["rgb.jpg"]
    for layout in range(3):
        save("pipeline", f"template-{layout}.bin", case(layout, 0, b"", photo))
    save("pipeline", "template-letter-png.bin", case(0, 1, b"", pics["rgba.png"]))
    save("pipeline", "template-cmyk.bin", case(1, 0, b"", pics["cmyk-adobe.jpg"]))
    save("pipeline", "template-exif.bin", case(2, 1, b"", pics["exif-6.jpg"]))
    # Slot bytes count modulo the number of slots; slot 0 is written 18, as 0 is the
    # separator.
    edits = b"\x00".join([b"\x12Caring for \xe5\xad\x90\xe4\xbe\x9b", b"\x0b\x6c\x61ng: ja", b"\x04\"#00ff00\""])
    save("pipeline", "template-edits.bin", case(0, 0, edits, photo))
    save("pipeline", "template-font.bin", case(1, 4, b"\x12Abc " + HANGUL.encode(), photo, font))
    raw = example.replace(b"Caring for", ("Caring " + HANGUL + " for").encode())
    raw = raw.replace(b"../assets/photos/paint-brushes.jpg", b"photo.jpg")
    raw = raw.replace(b"../assets/photos/dandelions-seeding-5312x2988.jpg", b"photo.jpg")
    raw = raw.replace(b"../assets/photos/dogs-at-window-exif-orientation-6.jpg", b"photo.jpg")
    save("pipeline", "raw-example.bin", case(1, 2, raw, pics["gray.png"]))
    save("pipeline", "raw-font.bin", case(0, 6, raw + b"\nfonts:\n  - font.ttf\n", photo, font))


if __name__ == "__main__":
    main()
