"""The text of a PDF that WeasyPrint made, for tests that check what an export says.

WeasyPrint writes text as glyph ids of embedded font subsets (TJ arrays of 4-digit hex strings) and
adds a ToUnicode map per font; this reads those maps and turns the glyphs back into characters. The
fonts it embeds are one family, whose glyph ids mean the same character in each, so one merged map
is enough. Lines follow the text positioning (Tm) operators."""

import re
import zlib

STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
RANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
OPERATION = re.compile(rb"\[(.*?)\]\s*TJ|<([0-9a-fA-F]+)>\s*Tj|\bTm\b", re.S)
HEX = re.compile(rb"<([0-9a-fA-F]+)>")


def _streams(pdf: bytes) -> list[bytes]:
    result = []
    for match in STREAM.finditer(pdf):
        data = match.group(1)
        try:
            result.append(zlib.decompress(data))
        except zlib.error:
            result.append(data)
    return result


def _unicode(hex_code: bytes) -> str:
    return "".join(chr(int(hex_code[i : i + 4], 16)) for i in range(0, len(hex_code), 4))


def _cmap(streams: list[bytes]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for stream in streams:
        if b"begincmap" not in stream:
            continue
        for section in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for glyph, code in PAIR.findall(section):
                mapping[int(glyph, 16)] = _unicode(code)
        for section in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for start, end, code in RANGE.findall(section):
                first = int(code, 16)
                for offset, glyph in enumerate(range(int(start, 16), int(end, 16) + 1)):
                    mapping[glyph] = chr(first + offset)
    return mapping


def pdf_text(pdf: bytes) -> str:
    streams = _streams(pdf)
    mapping = _cmap(streams)
    lines: list[str] = []
    for stream in streams:
        if b"BT" not in stream or b"Tf" not in stream:
            continue
        for block in re.findall(rb"BT(.*?)ET", stream, re.S):
            line = ""
            for operation in OPERATION.finditer(block):
                if operation.group(0).endswith(b"Tm"):
                    if line:
                        lines.append(line)
                    line = ""
                    continue
                for glyphs in HEX.findall(operation.group(0)):
                    line += "".join(mapping.get(int(glyphs[i : i + 4], 16), "?") for i in range(0, len(glyphs), 4))
            if line:
                lines.append(line)
    return "\n".join(lines)
