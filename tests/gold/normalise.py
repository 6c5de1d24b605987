"""Normalise a lawtext/gov Markdown report into the plain text zhibiao pins (the same rules as `zhibiao corpus import`)."""
import re, sys
def normalise(raw: str) -> str:
    t = raw.lstrip('\ufeff').replace('\r\n', '\n')
    if t.startswith('---\n'):
        end = t.find('\n---\n', 3)
        if end >= 0:
            t = t[end + 5:]
    t = re.sub(r'<!--.*?-->', '', t, flags=re.S)
    t = t.replace('**', '')
    t = re.sub(r'(?m)^#{1,6} ', '', t)
    lines = [l for l in t.split('\n')]
    # drop lines that held only a comment
    t = '\n'.join(lines)
    return t.lstrip('\n')
if __name__ == '__main__':
    sys.stdout.write(normalise(open(sys.argv[1], encoding='utf-8').read()))
