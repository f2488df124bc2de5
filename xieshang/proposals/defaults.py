"""Starting configuration for a new committee; every item can be edited afterwards."""

# Subject categories as used by several 政协 systems (domain.md §1.3).
CATEGORIES = ["经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设", "其他"]

# The national list of grounds for 不予立案 (domain.md §1.4).
REFUSAL_GROUNDS = [
    "涉及党和国家秘密的",
    "国家明令禁止的",
    "属于党员对党组织或人事安排的意见的",
    "属于民主党派成员反映本党派内部事务的",
    "涉及诉讼、仲裁等正在依法处理的事项的",
    "属于学术研讨的",
    "为本人或亲属解决个人问题的",
    "宣传、推介具体作品、产品的",
    "属于指明举报的",
    "内容空泛、没有具体建议的",
]
