"""The generated site's words: industries, risk areas and their rules, and seeded Chinese text."""

import random

from wagtail.rich_text import RichText

PREFIX = "gen-"

INDUSTRY_NAMES = [
    ("鞋革", "footprints"),
    ("软件", "laptop"),
    ("建筑", "building-2"),
    ("服装", "shirt"),
    ("眼镜", "glasses"),
    ("餐饮", "utensils"),
    ("化工", "flask-conical"),
    ("物流", "truck"),
    ("电子商务", "shopping-cart"),
    ("印刷包装", "printer"),
    ("医药", "pill"),
    ("汽车维修", "wrench"),
    ("食品加工", "package"),
    ("家具制造", "armchair"),
    ("电气机械", "zap"),
    ("泵阀", "factory"),
    ("五金", "wrench"),
    ("纺织", "scissors"),
    ("教育培训", "graduation-cap"),
    ("房地产", "home"),
    ("旅游", "briefcase"),
    ("医疗器械", "stethoscope"),
    ("新能源", "battery-charging"),
    ("汽摩配件", "car"),
    ("打火机", "flame"),
    ("制笔", "pen-line"),
    ("塑料制品", "package"),
    ("锁具", "lock"),
]

RISK_AREAS = [
    ("governance", "治理结构"),
    ("finance-tax", "财务税务"),
    ("labour", "劳动用工"),
    ("safety", "安全生产"),
    ("environment", "生态环境"),
    ("ip", "知识产权"),
    ("data", "数据与网络安全"),
    ("market", "市场经营"),
]

# Per risk area: prohibited acts (red), duties (yellow), good practice (green), laws cited.

# Per risk area: prohibited acts (red), duties (yellow), good practice (green), laws cited.

RULES = {
    "governance": (
        ["以合规承诺代替实际整改", "伪造合规管理台账", "隐匿、销毁会计凭证"],
        ["明确合规管理负责人", "建立重大决策合规审查程序", "每年开展合规风险评估"],
        ["设立合规专员并定期培训", "发布企业合规手册", "向行业协会合规建设联系点报告"],
        ["《公司法》第一百八十条", "《涉案企业合规建设、评估和审查办法(试行)》第五条"],
    ),
    "finance-tax": (
        ["虚开增值税专用发票", "骗取出口退税", "隐瞒销售收入偷逃税款"],
        ["按期如实办理纳税申报", "核验进项发票“三流一致”", "规范使用个人账户收付款"],
        ["建立供应商准入和发票复核制度", "聘请专业机构开展税务健康检查", "定期进行财务内控审计"],
        ["《刑法》第二百零五条", "《税收征收管理法》第六十三条", "《发票管理办法》第二十一条"],
    ),
    "labour": (
        ["拒不支付劳动报酬", "使用童工", "以扣押证件方式限制员工离职"],
        ["用工一个月内订立书面劳动合同", "依法为员工缴纳社会保险", "加班时长每月不超过三十六小时"],
        ["建立工资支付台账和专户", "开展劳动用工合规体检", "设立员工申诉渠道"],
        ["《劳动合同法》第八十二条", "《劳动法》第四十一条", "《刑法》第二百七十六条之一"],
    ),
    "safety": (
        ["生产、仓储、住宿“三合一”", "无证从事特种作业", "关闭、破坏安全监控设备"],
        ["落实全员安全生产责任制", "对从业人员进行安全生产教育和培训", "定期排查治理事故隐患"],
        ["推行安全生产标准化建设", "每季度组织应急疏散演练", "引入第三方安全评估"],
        ["《安全生产法》第二十八条", "《消防法》第十九条", "《刑法》第一百三十四条"],
    ),
    "environment": (
        ["通过暗管偷排有毒有害废水", "非法倾倒危险废物", "篡改自动监测数据"],
        ["依法取得排污许可证", "收集处理含挥发性有机物的废气", "建立危险废物管理台账"],
        ["开展清洁生产审核", "公开企业环境信息", "参与生态修复公益活动"],
        ["《环境保护法》第六十三条", "《大气污染防治法》第一百零八条", "《刑法》第三百三十八条"],
    ),
    "ip": (
        ["假冒他人注册商标", "侵犯他人商业秘密", "销售盗版软件"],
        ["接单前核验品牌授权", "规范使用开源软件许可证", "与核心员工签订保密协议"],
        ["建立知识产权管理制度", "及时申请商标和专利保护", "开展知识产权合规培训"],
        ["《商标法》第五十七条", "《反不正当竞争法》第九条", "《刑法》第二百一十三条"],
    ),
    "data": (
        ["非法出售公民个人信息", "未经同意收集人脸信息", "为电信诈骗提供技术支持"],
        ["收集个人信息前告知并取得同意", "落实网络安全等级保护制度", "发生数据泄露及时报告"],
        ["开展个人信息保护影响评估", "任命个人信息保护负责人", "定期进行渗透测试"],
        ["《个人信息保护法》第十三条", "《网络安全法》第二十一条", "《刑法》第二百五十三条之一"],
    ),
    "market": (
        ["串通投标", "发布虚假广告", "超越资质承揽工程"],
        ["依法取得经营许可并按期年报", "如实标注产品质量信息", "规范合同签订和履行"],
        ["建立招投标合规审查流程", "开展广告用语自查", "参与行业诚信自律公约"],
        ["《招标投标法》第五十三条", "《广告法》第五十五条", "《产品质量法》第四十九条"],
    ),
}

SUBJECTS = ["企业", "涉案企业", "小微企业", "行业协会", "企业负责人", "合规专员", "财务人员", "车间主任"]

VERBS = ["开展", "落实", "完善", "建立", "排查", "整改", "评估", "规范", "审查", "健全"]

OBJECTS = ["合规管理制度", "风险清单", "内部控制", "培训记录", "台账资料", "应急预案", "财务制度", "用工管理"]

TERMS = [
    "合规整改",
    "刑行衔接",
    "首违不罚",
    "轻微减罚",
    "认罚轻处",
    "公益减罚",
    "信用修复",
    "合规建设联系点",
    "双随机一公开",
    "包容审慎监管",
    "第三方监督评估",
    "法治体检",
    "个人信息保护",
    "安全生产",
    "劳动合同",
    "知识产权",
    "数据安全",
    "产品质量",
]

TAILS = [
    "依法从轻处理。",
    "形成长效机制。",
    "防范法律风险。",
    "做到事前预防。",
    "接受第三方评估。",
    "及时纠正违法行为。",
]

FIRM_WORDS = ["明履", "瓯江", "鹿城", "江心", "双屿", "南汇", "藤桥", "五马", "滨江", "丰门", "仰义", "山福"]

FIRM_KINDS = ["有限公司", "股份有限公司", "制造厂", "商贸有限公司"]

OUTCOMES = ["不起诉", "从轻处罚", "免予处罚", "减轻处罚", "不予行政处罚", "缓刑", "责令改正"]

PEOPLE = ["张", "李", "王", "陈", "周", "林", "吴", "郑", "黄", "徐"]

GIVEN = ["晓东", "婷", "建国", "思远", "敏", "志远", "海峰", "丽", "伟", "静"]

AFFILIATIONS = [
    "鹿城区人民检察院",
    "鹿城区司法局",
    "鹿城区工商联",
    "温州大学法学院",
    "律师事务所",
    "区市场监管局",
]

VENUES = [
    "鹿城区司法局三楼会议室",
    "区工商联报告厅",
    "双屿街道便民服务中心",
    "鞋都产业园会议中心",
    "南汇街道科技园路演厅",
]

ARTICLE_KINDS = ["问答", "解读", "清单", "提示", "指南"]


class Text:
    """Varied Chinese text from a seeded random generator."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def pick(self, seq):
        return self.rng.choice(seq)

    def sentence(self):
        r = self.rng
        return (
            f"{r.choice(SUBJECTS)}{r.choice(VERBS)}{r.choice(OBJECTS)},{r.choice(TERMS)}方面{r.choice(TAILS)}"
        )

    def paragraph(self, low=3, high=6):
        return "".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def html(self, paragraphs=2):
        return "".join(f"<p>{self.paragraph()}</p>" for _ in range(paragraphs))

    def stream(self, paragraphs=2):
        return [("paragraph", RichText(f"<p>{self.paragraph()}</p>")) for _ in range(paragraphs)]

    def firm(self, industry_name):
        return f"温州{self.pick(FIRM_WORDS)}{industry_name}{self.pick(FIRM_KINDS)}"

    def person(self):
        return f"{self.pick(PEOPLE)}{self.pick(GIVEN)}"
