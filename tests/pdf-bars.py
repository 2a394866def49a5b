# SPDX-License-Identifier: GPL-3.0-or-later
# pdf-bars.py FILE [WIDTH]: the bars of each page of a PDF that cairo wrote, read from its
# drawing operators: one line per page, in page order, with the number of rectangles
# stroked with a line WIDTH points wide (0.8: the bars of the programme report, see
# report/programme_pdf.c; nothing else there is stroked that wide). Streams are inflated
# with zlib (no qpdf needed); a page's form XObjects (cairo draws a recorded page as
# one) are followed.
import re
import sys
import zlib

data = open(sys.argv[1], 'rb').read()
width = float(sys.argv[2]) if len(sys.argv) > 2 else 0.8

objects = {}  # number -> (dictionary, inflated stream or None)
for m in re.finditer(rb'(\d+) 0 obj\s*(<<.*?>>)\s*(stream\r?\n)?', data, re.S):
    stream = None
    if m.group(3):
        end = data.index(b'endstream', m.end())
        raw = data[m.end():end]
        stream = zlib.decompress(raw) if b'/FlateDecode' in m.group(2) else raw
    objects[int(m.group(1))] = (m.group(2), stream)
# Names of XObjects to objects: cairo names each once in the whole file.
names = {n: int(o) for n, o in re.findall(rb'/(x\d+) (\d+) 0 R', data)}

token = re.compile(rb'\[|\]|<<|>>|/[^\s/\[\]()<>]+|\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|[^\s/\[\]()<>]+')


def count(stream, depth=0):
    """Rectangles stroked at the width, in stream and the forms it draws."""
    n, lw, stack, operands, rects = 0, 1.0, [], [], 0
    for t in token.findall(stream):
        if re.match(rb'^[-+]?(\d+\.?\d*|\.\d+)$', t) or t.startswith((b'/', b'(', b'<', b'[', b']')):
            operands.append(t)
            continue
        op = t
        if op == b'w' and operands:
            lw = float(operands[-1])
        elif op == b'q':
            stack.append(lw)
        elif op == b'Q' and stack:
            lw = stack.pop()
        elif op == b're':
            rects += 1
        elif op in (b'S', b's', b'B', b'B*', b'b', b'b*'):
            # Stroked (cairo writes a filled and stroked bar as one "re B").
            if abs(lw - width) < 1e-6:
                n += rects
            rects = 0
        elif op in (b'f', b'F', b'f*', b'n'):
            rects = 0
        elif op == b'Do' and operands and depth < 8:
            o = names.get(operands[-1][1:])
            if o is not None and objects.get(o, (None, None))[1] is not None:
                n += count(objects[o][1], depth + 1)
        operands = []
    return n


pages_obj = next(d for d, s in objects.values() if re.search(rb'/Type\s*/Pages', d))
kids = [int(k) for k in re.findall(rb'(\d+) 0 R', re.search(rb'/Kids\s*\[(.*?)\]', pages_obj, re.S).group(1))]
for k in kids:
    d = objects[k][0]
    c = re.search(rb'/Contents\s+(\d+) 0 R', d)
    print(count(objects[int(c.group(1))][1]) if c else 0)
