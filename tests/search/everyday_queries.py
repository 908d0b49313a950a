"""Queries as small-firm owners, HR clerks and bookkeepers type them, against the demo content.

(query, kind, titles of which one must come first or in the top 3, include past events).
Kinds: question, colloquial, synonym, traditional, width, pinyin, english, typo, article, term.
"""

FOUR_X = "“4+X”柔性执法清单"
CONTRACT_ITEM = "用工一个月内订立书面劳动合同"
WAGES_ITEM = "按时足额支付劳动报酬"
WAGE_ARREARS = [
    WAGES_ITEM,
    "开设农民工工资专用账户并实行实名制管理",
    "某建设工程公司未开设农民工工资专用账户案",
    "建筑工地安全生产与农民工工资检查",
]
WAGE_ACCOUNT_ITEM = "开设农民工工资专用账户并实行实名制管理"
SOCIAL_INSURANCE_ITEM = "依法为职工缴纳社会保险费"
THREE_IN_ONE_ITEM = "严禁生产、仓储、住宿“三合一”"
THREE_IN_ONE_CASE = "某鞋材加工厂“三合一”场所消防违法案"
VAT_ITEM = "严禁虚开增值税专用发票"
VAT_CASE = "某鞋业公司虚开增值税专用发票案：合规整改后不起诉"
OVERTIME_ITEM = "依法安排加班并支付加班费"
TRAINING_ITEM = "对从业人员进行安全生产教育和培训"
PERSONAL_INFO = [
    "处理个人信息须告知并取得同意",
    "严禁非法获取、出售或者提供公民个人信息",
    "某软件公司侵犯公民个人信息案",
    "软件企业个人信息保护与数据合规",
    "定期开展个人信息保护合规审计",
]
FIRST_OFFENCE_CASES = [
    "某信息技术公司未落实网络安全等级保护制度案",
    "某建设工程公司未开设农民工工资专用账户案",
]
TRADEMARK = ["严禁假冒他人注册商标", "严禁生产销售假冒注册商标的服装", "注册自有商标并保护外观设计"]
EXPORT_REBATE = ["严禁以假报出口骗取出口退税", "合规沙龙：鞋革企业发票与出口退税的红线"]
SUBCONTRACT = ["严禁转包和违法分包", "某建筑公司违法分包案", "建立分包与资质合规台账"]
VOCS = ["收集处理含挥发性有机物（VOCs）的废气", "某制鞋企业挥发性有机物废气未收集处理案"]
DUST = ["落实施工扬尘污染防治措施"]
CLASSIFIED = ["落实网络安全等级保护制度", "某信息技术公司未落实网络安全等级保护制度案"]
CREDIT = ["线上讲座：企业信用修复“从快从简”与“双书同达”"]
EXITS = ["保持疏散通道、安全出口畅通"]
# An industry's English name finds the industry's own pages (its guideline's items carry it too).
FOOTWEAR = [
    "鞋革行业企业合规工作指引",
    "鞋革企业合规体检",
    "鞋企“综合查一次”联合执法检查",
    "鞋革企业安全生产与劳动用工合规",
]
SPECIAL_WORK = ["特种作业人员持证上岗"]

QUERIES = [
    # questions
    ("员工不签劳动合同会怎么样", "question", [CONTRACT_ITEM], False),
    ("没签合同要赔双倍工资吗", "question", [CONTRACT_ITEM], False),
    ("小微企业第一次违法能不能不罚款", "question", [FOUR_X, TRAINING_ITEM, *FIRST_OFFENCE_CASES], False),
    ("员工宿舍和仓库在同一栋楼", "question", [THREE_IN_ONE_ITEM, THREE_IN_ONE_CASE], False),
    ("老板拖欠工资怎么办", "question", WAGE_ARREARS, False),
    ("不给员工交社保会被罚吗", "question", [SOCIAL_INSURANCE_ITEM], False),
    ("加班费怎么算", "question", [OVERTIME_ITEM], False),
    ("公司能不能买发票抵税", "question", [VAT_ITEM, VAT_CASE], False),
    ("收集用户手机号要不要同意", "question", PERSONAL_INFO, False),
    ("贴牌生产别人的商标犯法吗", "question", TRADEMARK, False),
    ("工地转包给个人可以吗", "question", SUBCONTRACT, False),
    ("刷胶车间的废气要怎么处理", "question", VOCS, False),
    ("新员工上岗前要培训吗", "question", [TRAINING_ITEM], False),
    ("农民工工资要单独开账户吗", "question", [WAGE_ACCOUNT_ITEM, FIRST_OFFENCE_CASES[1]], False),
    ("企业被处罚后信用怎么修复", "question", CREDIT, False),
    ("工地扬尘怎么治理", "question", DUST, False),
    ("电焊工需要证书吗", "question", SPECIAL_WORK, False),
    ("消防通道能堆货吗", "question", EXITS, False),
    ("虚开发票会坐牢吗", "question", [VAT_ITEM, VAT_CASE], False),
    ("等保没做会被罚吗", "question", CLASSIFIED, False),
    # colloquial words
    ("欠薪", "colloquial", WAGE_ARREARS, False),
    ("买票抵扣", "colloquial", [VAT_ITEM], False),
    ("三合一", "colloquial", [THREE_IN_ONE_ITEM, THREE_IN_ONE_CASE], False),
    ("假货 商标", "colloquial", TRADEMARK, False),
    ("骗退税", "colloquial", EXPORT_REBATE, False),
    # synonyms
    ("社保", "synonym", [SOCIAL_INSURANCE_ITEM], False),
    ("社会保险", "synonym", [SOCIAL_INSURANCE_ITEM], False),
    ("拖欠工资", "synonym", WAGE_ARREARS, False),
    ("双倍工资", "synonym", [CONTRACT_ITEM], False),
    ("二倍工资", "synonym", [CONTRACT_ITEM], False),
    ("首次违法", "synonym", [FOUR_X, *FIRST_OFFENCE_CASES, TRAINING_ITEM], False),
    ("用工合同", "synonym", [CONTRACT_ITEM], False),
    # Traditional characters
    ("合規整改", "traditional", [VAT_CASE], False),
    ("勞動合同", "traditional", [CONTRACT_ITEM], False),
    ("個人信息保護", "traditional", PERSONAL_INFO, False),
    ("首違不罰", "traditional", [FOUR_X, TRAINING_ITEM, *FIRST_OFFENCE_CASES], False),
    ("農民工工資", "traditional", [WAGE_ACCOUNT_ITEM, FIRST_OFFENCE_CASES[1]], False),
    ("員工宿舍 倉庫", "traditional", [THREE_IN_ONE_ITEM, THREE_IN_ONE_CASE], False),
    ("虛開增值稅專用發票", "traditional", [VAT_ITEM, VAT_CASE], False),
    # full width
    ("ＶＯＣｓ", "width", VOCS, False),
    ("４＋Ｘ", "width", [FOUR_X], False),
    # pinyin
    ("hetong", "pinyin", [CONTRACT_ITEM], False),
    ("laodong hetong", "pinyin", [CONTRACT_ITEM], False),
    ("xiaofang", "pinyin", [THREE_IN_ONE_CASE], False),
    ("shebao", "pinyin", [SOCIAL_INSURANCE_ITEM], False),
    ("fenbao", "pinyin", SUBCONTRACT, False),
    # English
    ("invoice", "english", [VAT_ITEM, VAT_CASE], False),
    ("personal data", "english", PERSONAL_INFO, False),
    ("footwear", "english", FOOTWEAR, False),
    ("privacy", "english", ["隐私政策"], False),
    ("VOCs", "english", VOCS, False),
    # typos and near misses
    ("劳动合约", "typo", [CONTRACT_ITEM], False),
    ("假冒注册商标罪", "typo", TRADEMARK, False),
    ("农民工资", "typo", [WAGE_ACCOUNT_ITEM, FIRST_OFFENCE_CASES[1]], False),
    ("加班工资", "typo", [OVERTIME_ITEM], False),
    # article numbers
    ("劳动合同法第十条", "article", [CONTRACT_ITEM], False),
    ("劳动合同法第10条", "article", [CONTRACT_ITEM], False),
    ("安全生产法 第 28 条", "article", [TRAINING_ITEM], False),
    ("劳动合同法第八十二条", "article", [CONTRACT_ITEM], False),
    ("刑法第二百零五条", "article", [VAT_ITEM, VAT_CASE], False),
    ("消防法第十九条", "article", [THREE_IN_ONE_ITEM], False),
    # precise terms still rank their page first
    ("挥发性有机物", "term", VOCS, False),
    ("疏散通道", "term", EXITS, False),
    ("网络安全等级保护", "term", CLASSIFIED, False),
]
