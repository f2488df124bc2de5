"""Personal names for demo people, drawn from our own lists of common surnames and name characters."""

import random

# Common surnames with rough relative frequencies (per mille of the population, rounded).
SURNAMES = (
    ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 46), ("杨", 33), ("黄", 23),
    ("赵", 21), ("吴", 20), ("周", 19), ("徐", 14), ("孙", 13), ("马", 12), ("朱", 12),
    ("胡", 11), ("郭", 11), ("何", 10), ("高", 10), ("林", 9), ("罗", 9), ("郑", 8),
    ("梁", 8), ("谢", 7), ("宋", 7), ("唐", 6), ("许", 6), ("韩", 6), ("冯", 6), ("邓", 6),
    ("曹", 5), ("彭", 5), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5), ("袁", 4), ("潘", 4),
    ("于", 4), ("蒋", 4), ("蔡", 4), ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4),
    ("魏", 3), ("吕", 3), ("丁", 3), ("任", 3), ("沈", 3), ("姚", 3), ("卢", 3), ("姜", 3),
    ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3),
    ("廖", 2), ("贾", 2), ("夏", 2), ("韦", 2), ("付", 2), ("方", 2), ("白", 2), ("邹", 2),
    ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2),
    ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2),
    ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2),
    ("武", 2), ("戴", 2), ("孔", 1), ("汤", 1), ("葛", 1), ("倪", 1), ("殷", 1), ("聂", 1),
)

MALE_CHARS = (
    "伟强磊军勇杰涛明超刚平辉鹏华飞斌波宇浩凯健俊峰建国文志海林东成立新春振永庆祥德利忠宏"
    "晓兵亮彬良锋鑫宁金龙松家世学胜光启清远航洪卫民正昌荣少广树传修锦雷铭晨"
)
FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀英玲燕红梅琳萍雪慧婷颖洁琴云莉兰凤丹倩璐晶欣悦佳月春晓文雅蕾素"
    "宁瑶蓉薇媛菲妍岚翠珍瑜洋莹"
)


def person_name(rng: random.Random, gender: str) -> str:
    """Return a plausible full name for a man ("M") or a woman ("F")."""
    surnames, weights = zip(*SURNAMES, strict=True)
    surname = rng.choices(surnames, weights=weights)[0]
    chars = MALE_CHARS if gender == "M" else FEMALE_CHARS
    if rng.random() < 0.28:
        return surname + rng.choice(chars)
    first, second = rng.choice(chars), rng.choice(chars)
    while second == first:
        second = rng.choice(chars)
    return surname + first + second


class NameBook:
    """Hand out distinct names, so that no two demo people share one."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def take(self, gender: str) -> str:
        while True:
            name = person_name(self.rng, gender)
            if name not in self.used:
                self.used.add(name)
                return name
