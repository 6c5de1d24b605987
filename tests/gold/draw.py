"""Draws the extraction development set from the corpus: reproducible (seed below), stratified by
level (national / province / city) and era (2000-2009 / 2010-2019 / 2020-2026, by year delivered).

usage: python3 draw.py CORPUS_DIR NORMALISED_DIR  > sample.csv
       python3 draw.py CORPUS_DIR NORMALISED_DIR --held-out sample.csv  > ../heldout/sample.csv

--held-out draws the held-out set instead (its own seed, 1 national, 2 provincial and 1 city
report per era, 2 paragraphs each), leaving out every report of the given samples; --seed N after
them draws another one (session 6's second held-out set: --seed 20261203, leaving out the
development set and the first held-out set).
"""
import os, random, re, sys, csv
sys.path.insert(0, os.path.dirname(__file__))
SEED = 20261201
CODES = {'北京市':'110000','天津市':'120000','河北省':'130000','山西省':'140000','内蒙古自治区':'150000','辽宁省':'210000','吉林省':'220000','黑龙江省':'230000','上海市':'310000','江苏省':'320000','浙江省':'330000','安徽省':'340000','福建省':'350000','江西省':'360000','山东省':'370000','河南省':'410000','湖北省':'420000','湖南省':'430000','广东省':'440000','广西壮族自治区':'450000','海南省':'460000','重庆市':'500000','四川省':'510000','贵州省':'520000','云南省':'530000','西藏自治区':'540000','陕西省':'610000','甘肃省':'620000','青海省':'630000','宁夏回族自治区':'640000','新疆维吾尔自治区':'650000','武汉市':'420100','黄石市':'420200','十堰市':'420300','宜昌市':'420500','襄阳市':'420600','鄂州市':'420700','荆门市':'420800','孝感市':'420900','荆州市':'421000','黄冈市':'421100','咸宁市':'421200','随州市':'421300','恩施土家族苗族自治州':'422800'}
PER = {'national': 2, 'province': 4, 'city': 3}
PARAGRAPHS = 3
def level(folder, name):
    if folder == '政府工作报告-国务院': return 'national'
    if folder == '政府工作报告-省自治区' or name in ('北京市','上海市','天津市','重庆市'): return 'province'
    return 'city'
def era(y): return '2000s' if y < 2010 else ('2010s' if y < 2020 else '2020s')
corpus, normalised = sys.argv[1], sys.argv[2]
exclude = set()
if len(sys.argv) > 4 and sys.argv[3] == '--held-out':
    SEED, PER, PARAGRAPHS = 20261202, {'national': 1, 'province': 2, 'city': 1}, 2
    # the seed may follow the samples to leave out: --held-out SAMPLE... [--seed N]
    rest = sys.argv[4:]
    if '--seed' in rest:
        SEED = int(rest[rest.index('--seed') + 1])
        rest = rest[:rest.index('--seed')]
    for sample in rest:
        exclude |= {r['doc'] for r in csv.DictReader(open(sample, encoding='utf-8'))}
reports = []
for folder in sorted(os.listdir(corpus)):
    p = os.path.join(corpus, folder)
    if not os.path.isdir(p): continue
    if folder == '政府工作报告-国务院':
        entries = [('中华人民共和国', '100000', p)]
    else:
        entries = [(n, CODES[n], os.path.join(p, n)) for n in sorted(os.listdir(p))]
    for name, code, d in entries:
        if code == '421200': continue  # Xianning: its whole series is curated (issue 15)
        for f in sorted(os.listdir(d)):
            if not re.fullmatch(r'\d{4}\.md', f): continue  # -part, -summary, 2016-11: not whole reports
            y = int(f[:4])
            if f'{code}-{y}' in exclude: continue
            reports.append((level(folder, name), era(y), f'{code}-{y}', name))
rng = random.Random(SEED)
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(['doc', 'level', 'era', 'region_name', 'paragraphs'])
for lv in ('national', 'province', 'city'):
    for er in ('2000s', '2010s', '2020s'):
        pool = [r for r in reports if r[0] == lv and r[1] == er]
        for r in rng.sample(pool, min(PER[lv], len(pool))):
            lines = open(os.path.join(normalised, r[2] + '.txt'), encoding='utf-8').read().split('\n')
            with_digits = [i + 1 for i, l in enumerate(lines) if re.search(r'[0-9０-９]', l)]
            paras = sorted(rng.sample(with_digits, min(PARAGRAPHS, len(with_digits))))
            w.writerow([r[2], lv, er, r[3], ' '.join(map(str, paras))])
