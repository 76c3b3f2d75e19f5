"""Embed the project's CJK font in a .docx, so that Word files show Chinese on any machine.

No library does this: python-docx cannot embed fonts, and Word embeds only TrueType outlines
while our Noto Sans SC is OpenType/CFF. So the font is subset to the characters the document
uses (tens of kilobytes instead of 8 MB), its cubic CFF outlines are converted to TrueType
quadratics with fontTools' cu2qu, and the result is stored as an obfuscated font part as
ECMA-376 Part 1 §17.8.1 prescribes (first 32 bytes XORed with the reversed GUID key).
"""

from __future__ import annotations

import hashlib
import uuid
from io import BytesIO

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from lxml import etree

from .fonts import FAMILY, cjk_font_path

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# Largest distance, in font units (1000 per em), between a cubic curve and its quadratic copy.
MAX_CURVE_ERROR = 1.0
OBFUSCATED_BYTES = 32
# Tables a TrueType font does not have or that the document does not need.
DROPPED_TABLES = ("CFF ", "VORG", "DSIG", "BASE")
# maxp fields a TrueType font has and a CFF font lacks; no hinting, so no instructions.
TRUETYPE_MAXP = {
    "maxZones": 1,
    "maxTwilightPoints": 0,
    "maxStorage": 0,
    "maxFunctionDefs": 0,
    "maxInstructionDefs": 0,
    "maxStackElements": 0,
    "maxSizeOfInstructions": 0,
    "maxComponentElements": 0,
    "maxComponentDepth": 0,
}


def truetype_subset(characters: str) -> bytes:
    """The project's font cut down to ``characters`` (plus ASCII), with TrueType outlines."""
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    font = TTFont(str(cjk_font_path()))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(characters) | set(map(chr, range(32, 127))))))
    subsetter.subset(font)
    _cff_to_glyf(font)
    buffer = BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _cff_to_glyf(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType clockwise: reverse them.
        glyphs[name].draw(Cu2QuPen(pen, MAX_CURVE_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for tag in DROPPED_TABLES:
        if tag in font:
            del font[tag]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: Word needs none
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000  # the TrueType version, with the fields below
    for field, value in TRUETYPE_MAXP.items():
        setattr(maxp, field, value)
    font.sfntVersion = "\x00\x01\x00\x00"


def obfuscate(data: bytes, font_key: str) -> bytes:
    """XOR the first 32 bytes with the GUID's bytes in reverse order (the same undoes it)."""
    key = bytes.fromhex(font_key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key[index % len(key)] for index, byte in enumerate(data[:OBFUSCATED_BYTES]))
    return head + data[OBFUSCATED_BYTES:]


def embed_font(word, characters: str) -> str:
    """Embed the project's font, subset to ``characters``, in the python-docx ``Document``.

    Returns the font's name, for runs to use. The key is derived from the font data, so the
    same document gives the same file.
    """
    data = truetype_subset(characters)
    font_key = "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"
    package = word.part.package
    font_table = word.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE)
    font_part = Part(
        PackURI("/word/fonts/font1.odttf"), OBFUSCATED_FONT, obfuscate(data, font_key), package
    )
    relationship = font_table.relate_to(font_part, RELATIONSHIP_TYPE.FONT)
    fonts = parse_xml(font_table.blob)
    fonts.append(_font_entry(relationship, font_key))
    # The template's font table is a plain Part: its XML is replaced as a whole.
    font_table._blob = etree.tostring(
        fonts, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    _ask_to_keep_fonts(word.settings.element)
    return FAMILY


def _font_entry(relationship_id: str, font_key: str):
    entry = OxmlElement("w:font")
    entry.set(qn("w:name"), FAMILY)
    for tag, value in (("w:charset", "86"), ("w:family", "swiss"), ("w:pitch", "variable")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        entry.append(child)
    embedded = OxmlElement("w:embedRegular")
    embedded.set(qn("r:id"), relationship_id)
    embedded.set(qn("w:fontKey"), font_key)
    entry.append(embedded)
    return entry


def _ask_to_keep_fonts(settings) -> None:
    """Word drops embedded fonts on save unless the settings ask to keep them."""
    anchor = settings.find(qn("w:zoom"))
    for tag in ("w:saveSubsetFonts", "w:embedTrueTypeFonts"):
        if settings.find(qn(tag)) is None:
            element = OxmlElement(tag)
            if anchor is not None:
                anchor.addnext(element)
            else:
                settings.insert(0, element)
