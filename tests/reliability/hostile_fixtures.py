"""Generators for hostile files (catalogue B2): small, made at test time, never committed."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def zip_bytes(entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_bomb_classic(size: int = 3 * 1024 * 1024) -> bytes:
    return zip_bytes({"zeros.txt": b"\0" * size, "ok.txt": b"Meta removed 3 accounts."})


def zip_bomb_nested(depth: int = 4) -> bytes:
    data = zip_bytes({"deep.txt": b"Meta removed 3 accounts in Chad."})
    for i in range(depth):
        data = zip_bytes({f"level{i}.zip": data})
    return data


def zip_overlapping(copies: int = 50) -> bytes:
    """Fifield-style: many central-directory records pointing at one local file."""
    one = zip_bytes({"a.txt": b"A" * 200_000})
    eocd = one.rindex(b"PK\x05\x06")
    cd_off = struct.unpack("<I", one[eocd + 16:eocd + 20])[0]
    record = one[cd_off:eocd]
    name_len = struct.unpack("<H", record[28:30])[0]
    records = b"".join(record[:46] + (f"{i:05d}.txt".encode() if name_len == 5 else
                                      f"a{i:04d}.txt".encode()[:name_len].ljust(name_len, b"x"))
                       + record[46 + name_len:] for i in range(copies))
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, copies, copies, len(records), cd_off, 0)
    return one[:cd_off] + records + end


def zip_with_flags(name: str, data: bytes, *, flag_bits: int = 0, method: int | None = None,
                   external_attr: int | None = None) -> bytes:
    info = zipfile.ZipInfo(name)
    if external_attr is not None:
        info.external_attr = external_attr
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(info, data)
    raw = bytearray(buf.getvalue())
    cd = raw.rindex(b"PK\x01\x02")
    if flag_bits:
        raw[6:8] = struct.pack("<H", flag_bits)
        raw[cd + 8:cd + 10] = struct.pack("<H", flag_bits)
    if method is not None:
        raw[8:10] = struct.pack("<H", method)
        raw[cd + 10:cd + 12] = struct.pack("<H", method)
    return bytes(raw)


def pdf(objects: list[bytes], *, trailer_extra: bytes = b"", root: int = 1,
        xref_prev_self: bool = False) -> bytes:
    """Assemble a PDF from object bodies (numbered from 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    prev = b" /Prev %d" % xref if xref_prev_self else b""
    out += b"trailer\n<< /Size %d /Root %d 0 R%s%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, prev, trailer_extra, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_page(content: bytes, resources: bytes = b"<< >>") -> list[bytes]:
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources " + resources + b" >>",
            _stream(content)]


def pdf_circular_prev() -> bytes:
    return pdf(pdf_page(b"BT /F1 12 Tf 72 700 Td (Loop) Tj ET"), xref_prev_self=True)


def pdf_inline_image_without_ei() -> bytes:
    return pdf(pdf_page(b"q BI /W 10 /H 10 /BPC 8 /CS /G ID " + b"\x00" * 50 + b" Q"))


def pdf_flate_bomb(size: int = 64 * 1024 * 1024) -> bytes:
    once = zlib.compress(b"\0" * size, 9)
    twice = zlib.compress(once, 9)
    objs = pdf_page(b"")
    objs[3] = _stream(twice, b" /Filter [/FlateDecode /FlateDecode]")
    return pdf(objs)


def pdf_circular_xobject() -> bytes:
    objs = pdf_page(b"q /X1 Do Q", b"<< /XObject << /X1 5 0 R >> >>")
    objs.append(_stream(b"q /X1 Do Q", b" /Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                                        b"/Resources << /XObject << /X1 5 0 R >> >>"))
    return pdf(objs)


def pdf_deep_page_tree(depth: int = 3000) -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for i in range(depth):
        n = i + 2
        objs.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (n + 1))
    objs.append(b"<< /Type /Page /MediaBox [0 0 10 10] >>")
    return pdf(objs)


def pdf_no_text_layer() -> bytes:
    return pdf(pdf_page(b"q 100 0 0 100 0 0 cm 0.5 g 0 0 1 1 re f Q"))


def pdf_encrypted(text: str) -> bytes:
    import pypdf

    from .helpers import make_pdf

    reader = pypdf.PdfReader(io.BytesIO(make_pdf(text)))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">'
              for i in range(1, 10))
    + ']><html><head><title>Laughs</title></head><body><p>&lol9;</p>'
    "<p>Meta removed 3 accounts in Chad.</p></body></html>")

XXE = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
       '<!ENTITY net SYSTEM "http://203.0.113.5/x">]><html><body><p>&xxe; &net;</p>'
       "<p>Twitter suspended 40 accounts in Serbia.</p></body></html>")

ACTIVE_HTML = """<html><head><title>Active page</title>
<meta http-equiv="refresh" content="0; url=http://203.0.113.5/">
<link rel="stylesheet" href="http://203.0.113.5/s.css">
<style>@font-face { src: url(http://203.0.113.5/f.woff) } body { background: url(file:///etc/passwd) }</style>
<script>document.write('SCRIPTTEXT'); fetch('http://203.0.113.5/beacon')</script>
</head><body><article><h1>Active page</h1>
<iframe src="http://203.0.113.5/frame">IFRAMETEXT</iframe>
<img src="http://203.0.113.5/pixel.gif" width="1" height="1"><img src="file:///etc/shadow">
<p>Google terminated 7 YouTube channels linked to China in an influence operation.</p>
<object data="file:///etc/passwd"></object><embed src="http://203.0.113.5/e.swf">
</article></body></html>"""
