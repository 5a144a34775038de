#!/usr/bin/env python3
"""svg_text_boxes.py REPORT.html - the charts of an HTML report, read with the standard
library's HTML parser: for every <svg> its id (from aria-labelledby), every <text> element's
estimated box (font-size x characters x 0.6 wide, one font-size tall above the baseline, placed
by text-anchor; a translate(X Y) rotate(-90) label turned on its side), the pairs of texts whose
boxes intersect, and the points plotted in it (<g><title> "NAME: N pupils, ..."). Prints one
line per chart:

    chart ID texts=N overlaps=K points=P hidden=H

then one line per overlapping pair ("  overlap: 'a' and 'b'"). Exit status 0 (the calling
script judges the figures)."""
import re
import sys
from html.parser import HTMLParser


class Charts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.charts = []  # [{id, texts: [(attrs, text)], points, hidden}]
        self.cur = None
        self.text_attrs = None
        self.text_buf = []
        self.in_g = 0
        self.in_title = False
        self.title_buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'svg':
            cid = (a.get('aria-labelledby') or '').replace('-title', '')
            self.cur = {'id': cid, 'texts': [], 'points': 0, 'hidden': 0}
            self.charts.append(self.cur)
        elif self.cur is not None and tag == 'text':
            self.text_attrs = a
            self.text_buf = []
        elif self.cur is not None and tag == 'g':
            self.in_g += 1
        elif self.cur is not None and tag == 'title' and self.in_g:
            self.in_title = True
            self.title_buf = []

    def handle_endtag(self, tag):
        if tag == 'svg':
            self.cur = None
        elif tag == 'text' and self.text_attrs is not None:
            self.cur['texts'].append((self.text_attrs, ''.join(self.text_buf)))
            self.text_attrs = None
        elif tag == 'g' and self.in_g:
            self.in_g -= 1
        elif tag == 'title' and self.in_title:
            self.in_title = False
            t = ''.join(self.title_buf)
            if re.search(r': \d+ pupils, ', t):
                self.cur['points'] += 1
                if t.endswith('rate not published'):
                    self.cur['hidden'] += 1

    def handle_data(self, data):
        if self.text_attrs is not None:
            self.text_buf.append(data)
        if self.in_title:
            self.title_buf.append(data)


def box(attrs, text):
    size = float(attrs.get('font-size', '16'))
    w = size * len(text) * 0.6
    anchor = attrs.get('text-anchor', 'start')
    tr = attrs.get('transform')
    if tr:
        m = re.match(r'translate\(([-\d.]+)[ ,]+([-\d.]+)\)\s*rotate\(-90\)', tr)
        if not m:
            return None
        x, y = float(m.group(1)), float(m.group(2))
        # on its side: the baseline runs upwards through (x, y)
        y0 = y - w / 2 if anchor == 'middle' else (y - w if anchor == 'start' else y)
        return (x - size, y0, x, y0 + w)
    x, y = float(attrs.get('x', '0')), float(attrs.get('y', '0'))
    x0 = x - w if anchor == 'end' else (x - w / 2 if anchor == 'middle' else x)
    return (x0, y - size, x0 + w, y)


def meet(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def main():
    p = Charts()
    with open(sys.argv[1], encoding='utf-8') as f:
        p.feed(f.read())
    for c in p.charts:
        boxes = [(box(a, t), t) for a, t in c['texts'] if t.strip()]
        boxes = [(b, t) for b, t in boxes if b]
        pairs = []
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                if meet(boxes[i][0], boxes[j][0]):
                    pairs.append((boxes[i][1], boxes[j][1]))
        print(f"chart {c['id']} texts={len(boxes)} overlaps={len(pairs)} "
              f"points={c['points']} hidden={c['hidden']}")
        for a, b in pairs[:20]:
            print(f"  overlap: '{a}' and '{b}'")


if __name__ == '__main__':
    main()
