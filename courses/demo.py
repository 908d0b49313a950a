"""Demo courses for the three pilot industries (鞋革, 软件, 建筑), written from the seeds and the laws they cite.

Each course has two short video lessons (small WebM clips shipped in courses/demo_media/, a few seconds
each), WebVTT captions, transcripts, a text lesson with a downloadable checklist, and a bank of at least
eight questions with explanations. Demo learners get partial progress, an assignment and one certificate.

Idempotent: pages by slug, media and documents by title, taxonomy by code, learner data only if absent.
"""

from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtailmedia.models import Media

from courses import enrolment as enrolment_service
from courses import jobs, progress
from courses.certificates import check_completion, current_certificate
from courses.models import (
    CourseAssignment,
    CourseIndexPage,
    CourseInstructor,
    CoursePage,
    LegalTopic,
    Lesson,
    LessonProgress,
    Option,
    Question,
    QuizAttempt,
)
from courses.quiz import scoring
from library.models import Industry
from portal.demo import ensure_child, get_home

MEDIA_DIR = Path(__file__).resolve().parent / "demo_media"
CLIP_SECONDS = 6.0

INDUSTRIES = {"footwear": "鞋革", "software": "软件", "construction": "建筑"}

TOPICS = [
    ("labour", "劳动用工"),
    ("safety", "安全生产"),
    ("privacy", "个人信息保护"),
    ("tax", "财务税务"),
    ("construction-law", "工程建设"),
]

SINGLE, MULTIPLE, TRUE_FALSE = Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE
TF = [("正确", None), ("错误", None)]

# (kind, topic code, text, [(option, correct)], explanation)
FOOTWEAR_QUESTIONS = [
    (
        SINGLE,
        "labour",
        "用人单位应当自用工之日起多长时间内与劳动者订立书面劳动合同?",
        [("一个月内", True), ("三个月内", False), ("六个月内", False), ("一年内", False)],
        "《劳动合同法》第十条:已建立劳动关系,未同时订立书面劳动合同的,应当自用工之日起一个月内订立书面劳动合同。",
    ),
    (
        SINGLE,
        "labour",
        "鞋厂自用工之日起超过一个月不满一年未与工人订立书面劳动合同,应当承担什么后果?",
        [
            ("向劳动者每月支付二倍的工资", True),
            ("只需补签合同,不承担其他责任", False),
            ("由劳动者自行承担损失", False),
            ("仅需缴纳五百元罚款", False),
        ],
        "《劳动合同法》第八十二条第一款:用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的,应当向劳动者每月支付二倍的工资。",
    ),
    (
        SINGLE,
        "labour",
        "因生产旺季需要延长工作时间的,在保障劳动者身体健康的条件下,每月延长的工作时间累计不得超过多少小时?",
        [("36 小时", True), ("48 小时", False), ("60 小时", False), ("不受限制,员工同意即可", False)],
        "《劳动法》第四十一条:延长工作时间一般每日不得超过一小时;因特殊原因需要延长的,每日不得超过三小时,但是每月不得超过三十六小时。",
    ),
    (
        SINGLE,
        "labour",
        "安排劳动者在法定休假日工作的,应当支付不低于工资的百分之多少的工资报酬?",
        [
            ("百分之一百五十", False),
            ("百分之二百", False),
            ("百分之三百", True),
            ("安排补休即可,不必另付报酬", False),
        ],
        "《劳动法》第四十四条:法定休假日安排劳动者工作的,支付不低于工资的百分之三百的工资报酬。",
    ),
    (
        TRUE_FALSE,
        "labour",
        "劳动合同期限三个月以上不满一年的,试用期不得超过一个月。",
        [("正确", True), ("错误", False)],
        "《劳动合同法》第十九条:劳动合同期限三个月以上不满一年的,试用期不得超过一个月。",
    ),
    (
        TRUE_FALSE,
        "safety",
        "鞋厂可以与工人签订协议,约定发生生产安全事故时企业不承担赔偿责任。",
        [("正确", False), ("错误", True)],
        "《安全生产法》第五十二条:生产经营单位不得以任何形式与从业人员订立协议,免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任。这是红线。",
    ),
    (
        SINGLE,
        "safety",
        "将员工宿舍设在存放胶水、有机溶剂等危险物品的仓库同一座建筑物内,下列说法正确的是:",
        [
            ("违反《安全生产法》,属于必须立即整改的红线", True),
            ("只要配备灭火器就可以", False),
            ("员工书面同意即可", False),
            ("夜间不生产就不违法", False),
        ],
        "《安全生产法》第四十二条:生产、经营、储存、使用危险物品的车间、商店、仓库不得与员工宿舍在同一座建筑物内,并应当与员工宿舍保持安全距离。",
    ),
    (
        MULTIPLE,
        "safety",
        "根据《安全生产法》,生产经营单位的主要负责人对本单位安全生产工作负有下列哪些职责?",
        [
            ("建立健全并落实本单位全员安全生产责任制", True),
            ("组织制定并实施本单位安全生产教育和培训计划", True),
            ("组织制定并实施本单位的生产安全事故应急救援预案", True),
            ("亲自从事本单位所有特种作业", False),
        ],
        "《安全生产法》第二十一条列明了主要负责人的七项职责,包括建立健全并落实全员安全生产责任制、组织制定并实施安全生产教育和培训计划、组织制定并实施事故应急救援预案等;特种作业由持证人员从事。",
    ),
    (
        TRUE_FALSE,
        "tax",
        "为了多抵扣进项税,鞋厂让供应商按高于实际采购金额开具增值税专用发票,这属于虚开发票。",
        [("正确", True), ("错误", False)],
        "《发票管理办法》规定,任何单位和个人不得为他人、为自己开具与实际经营业务情况不符的发票,也不得让他人为自己开具。虚开增值税专用发票构成犯罪的,依照《刑法》第二百零五条定罪处罚。",
    ),
]

SOFTWARE_QUESTIONS = [
    (
        SINGLE,
        "privacy",
        "一款记账 App 要求用户授权通讯录、精确位置等与记账无关的权限,否则拒绝提供服务。该做法主要违反了:",
        [
            ("最小必要原则", True),
            ("公开透明原则中的公示要求", False),
            ("数据出境规则", False),
            ("并不违法", False),
        ],
        "《个人信息保护法》第六条:处理个人信息应当具有明确、合理的目的,并应当与处理目的直接相关,采取对个人权益影响最小的方式;收集个人信息应当限于实现处理目的的最小范围。第十六条还规定不得以个人不同意为由拒绝提供产品或者服务(处理个人信息属于提供产品或服务所必需的除外)。",
    ),
    (
        MULTIPLE,
        "privacy",
        "下列哪些属于《个人信息保护法》规定的敏感个人信息?",
        [
            ("生物识别信息(如人脸)", True),
            ("医疗健康信息", True),
            ("金融账户信息", True),
            ("不满十四周岁未成年人的个人信息", True),
            ("公司对外公开的办公电话", False),
        ],
        "《个人信息保护法》第二十八条:敏感个人信息包括生物识别、宗教信仰、特定身份、医疗健康、金融账户、行踪轨迹等信息,以及不满十四周岁未成年人的个人信息。",
    ),
    (
        TRUE_FALSE,
        "privacy",
        "处理不满十四周岁未成年人个人信息的,应当取得未成年人的父母或者其他监护人的同意。",
        [("正确", True), ("错误", False)],
        "《个人信息保护法》第三十一条:个人信息处理者处理不满十四周岁未成年人个人信息的,应当取得未成年人的父母或者其他监护人的同意,并应当制定专门的个人信息处理规则。",
    ),
    (
        SINGLE,
        "privacy",
        "发生或者可能发生个人信息泄露时,个人信息处理者应当:",
        [
            ("立即采取补救措施,并通知履行个人信息保护职责的部门和个人", True),
            ("先内部调查一个月再决定是否告知", False),
            ("只需删除日志", False),
            ("只有泄露超过一万条才需要处理", False),
        ],
        "《个人信息保护法》第五十七条:发生或者可能发生个人信息泄露、篡改、丢失的,个人信息处理者应当立即采取补救措施,并通知履行个人信息保护职责的部门和个人。",
    ),
    (
        SINGLE,
        "privacy",
        "违反《个人信息保护法》处理个人信息,情节严重的,省级以上履行个人信息保护职责的部门可以处以:",
        [
            ("五千万元以下或者上一年度营业额百分之五以下罚款", True),
            ("一万元以下罚款", False),
            ("警告,不得罚款", False),
            ("十万元以下罚款", False),
        ],
        "《个人信息保护法》第六十六条第二款:情节严重的,由省级以上履行个人信息保护职责的部门责令改正,没收违法所得,并处五千万元以下或者上一年度营业额百分之五以下罚款,并可以责令暂停相关业务或者停业整顿。",
    ),
    (
        TRUE_FALSE,
        "privacy",
        "利用个人信息进行自动化决策,可以对老用户在交易价格上实行不合理的差别待遇(“大数据杀熟”)。",
        [("正确", False), ("错误", True)],
        "《个人信息保护法》第二十四条:利用个人信息进行自动化决策,应当保证决策的透明度和结果公平、公正,不得对个人在交易价格等交易条件上实行不合理的差别待遇。",
    ),
    (
        MULTIPLE,
        "privacy",
        "软件企业向境外提供其收集的用户个人信息前,应当做到哪些?",
        [
            ("向个人告知境外接收方的名称、联系方式、处理目的和方式等事项,并取得个人的单独同意", True),
            ("事前进行个人信息保护影响评估", True),
            ("在隐私政策里笼统写一句“可能出境”即可", False),
        ],
        "《个人信息保护法》第三十九条要求告知并取得单独同意;第五十五条规定向境外提供个人信息应当事前进行个人信息保护影响评估;还须满足第三十八条规定的安全评估、认证或标准合同等条件之一。",
    ),
    (
        SINGLE,
        "tax",
        "虚开增值税专用发票构成犯罪的,依照《刑法》哪一条定罪处罚?",
        [("第二百零五条", True), ("第二百六十六条", False), ("第一百四十条", False), ("第三百零三条", False)],
        "《刑法》第二百零五条规定了虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪。2024 年两高关于危害税收征管刑事案件的司法解释规定,虚开税款数额十万元以上的,应当依法定罪处罚。",
    ),
    (
        TRUE_FALSE,
        "tax",
        "软件企业为申报研发费用加计扣除,让合作方开具与实际业务不符的技术服务费发票,只要金额不大就不属于违法。",
        [("正确", False), ("错误", True)],
        "《发票管理办法》禁止开具与实际经营业务情况不符的发票,无论金额大小;情节严重的可能构成虚开发票罪或虚开增值税专用发票罪。",
    ),
]

CONSTRUCTION_QUESTIONS = [
    (
        SINGLE,
        "labour",
        "工程建设项目中,专门用于支付农民工工资的专用账户由谁开设?",
        [
            ("施工总承包单位", True),
            ("每个班组长", False),
            ("建设单位的财务人员个人", False),
            ("劳务派遣公司", False),
        ],
        "《保障农民工工资支付条例》第二十六条:施工总承包单位应当按照有关规定开设农民工工资专用账户,专项用于支付该工程建设项目农民工工资。",
    ),
    (
        SINGLE,
        "labour",
        "分包单位拖欠农民工工资的,应当由谁先行清偿?",
        [
            ("施工总承包单位先行清偿,再依法进行追偿", True),
            ("农民工自行向分包单位追讨", False),
            ("由当地政府全额代付", False),
            ("由监理单位清偿", False),
        ],
        "《保障农民工工资支付条例》第三十条:分包单位拖欠农民工工资的,由施工总承包单位先行清偿,再依法进行追偿。",
    ),
    (
        MULTIPLE,
        "labour",
        "构成拒不支付劳动报酬罪,须具备下列哪些情形?",
        [
            ("以转移财产、逃匿等方法逃避支付,或者有能力支付而不支付", True),
            ("数额较大", True),
            ("经政府有关部门责令支付仍不支付", True),
            ("劳动者已经向法院提起民事诉讼", False),
        ],
        "《刑法》第二百七十六条之一:以转移财产、逃匿等方法逃避支付劳动者的劳动报酬或者有能力支付而不支付,数额较大,经政府有关部门责令支付仍不支付的,构成拒不支付劳动报酬罪;不以劳动者起诉为条件。",
    ),
    (
        TRUE_FALSE,
        "construction-law",
        "承包单位可以将其承包的全部建筑工程转包给他人。",
        [("正确", False), ("错误", True)],
        "《建筑法》第二十八条:禁止承包单位将其承包的全部建筑工程转包给他人,禁止承包单位将其承包的全部建筑工程肢解以后以分包的名义分别转包给他人。",
    ),
    (
        SINGLE,
        "safety",
        "建筑施工企业的电工、焊工、架子工等特种作业人员应当:",
        [
            ("经专门的安全作业培训,取得相应资格,方可上岗作业", True),
            ("由老师傅带一周即可上岗", False),
            ("只要身体健康就可以上岗", False),
            ("项目经理同意即可上岗", False),
        ],
        "《安全生产法》第三十条:生产经营单位的特种作业人员必须按照国家有关规定经专门的安全作业培训,取得相应资格,方可上岗作业。",
    ),
    (
        SINGLE,
        "safety",
        "建设项目的安全设施应当与主体工程:",
        [
            ("同时设计、同时施工、同时投入生产和使用", True),
            ("先投产,一年内补建即可", False),
            ("由施工单位自行决定是否建设", False),
            ("只在验收时临时设置", False),
        ],
        "《安全生产法》第三十一条:生产经营单位新建、改建、扩建工程项目的安全设施,必须与主体工程同时设计、同时施工、同时投入生产和使用(“三同时”)。",
    ),
    (
        SINGLE,
        "construction-law",
        "投标人相互串通投标报价,中标的法律后果是:",
        [
            ("中标无效", True),
            ("中标有效,只需补缴保证金", False),
            ("由招标人自行决定是否有效", False),
            ("没有法律后果", False),
        ],
        "《招标投标法》第三十二条禁止投标人相互串通投标报价;第五十三条规定,投标人相互串通投标的,中标无效,并处罚款,情节严重的取消投标资格直至吊销营业执照;构成犯罪的依法追究刑事责任。",
    ),
    (
        TRUE_FALSE,
        "construction-law",
        "施工单位在施工过程中发现设计文件和图纸有差错的,应当及时提出意见和建议。",
        [("正确", True), ("错误", False)],
        "《建设工程质量管理条例》第二十八条:施工单位必须按照工程设计图纸和施工技术标准施工,不得擅自修改工程设计,不得偷工减料;施工过程中发现设计文件和图纸有差错的,应当及时提出意见和建议。",
    ),
    (
        TRUE_FALSE,
        "labour",
        "建设单位与施工总承包单位可以约定由农民工自行承担工资拖欠的风险。",
        [("正确", False), ("错误", True)],
        "《保障农民工工资支付条例》规定农民工有按时足额获得工资的权利,建设单位应当按约定及时拨付人工费用,施工总承包单位对所承包工程的农民工工资支付负总责;任何约定都不能将拖欠风险转嫁给农民工。",
    ),
]

COURSES = [
    {
        "slug": "footwear-safety-labour",
        "title": "鞋革企业安全生产与劳动用工合规",
        "industry": "footwear",
        "clip": "footwear.webm",
        "summary": "从鹿城鞋革行业涉案企业合规整改经验出发,讲清胶粘剂作业、员工宿舍、劳动合同和加班工资的红线与底线。",
        "instructors": [("林晓峰", "鹿城区人民检察院检察官"), ("陈雅", "鹿城区鞋革行业协会合规联系点负责人")],
        "validity": 24,
        "mode": CoursePage.EnrolmentMode.OPEN,
        "capacity": None,
        "block_seeking": True,
        "lessons": [
            (
                "鞋革企业的“红绿灯”:安全生产红线",
                [
                    "危险物品仓库不得与员工宿舍在同一建筑内。",
                    "胶粘剂作业场所必须通风并配备防护用品。",
                    "主要负责人对安全生产全面负责。",
                ],
                "鞋革企业大量使用胶粘剂和有机溶剂。《安全生产法》第四十二条规定,储存、使用危险物品的车间、仓库不得与员工宿舍在同一座建筑物内。"
                "企业主要负责人要建立健全全员安全生产责任制,组织开展安全教育培训和隐患排查。",
            ),
            (
                "劳动合同、工时与工资的底线",
                [
                    "用工一个月内必须签订书面劳动合同。",
                    "每月加班不得超过三十六小时。",
                    "法定节假日加班支付三倍工资。",
                ],
                "《劳动合同法》第十条要求自用工之日起一个月内订立书面劳动合同,超过一个月不满一年未签的,应当每月支付二倍工资。"
                "《劳动法》第四十一条规定每月延长工作时间不得超过三十六小时,第四十四条规定法定休假日加班支付不低于百分之三百的工资报酬。",
            ),
        ],
        "text_lesson": (
            "胶粘剂与有机溶剂作业安全自查",
            "<p>对照以下要点开展自查:</p><ul><li>胶水、溶剂仓库与宿舍、办公区分开设置,保持安全距离;</li>"
            "<li>刷胶、烘干工位设置局部排风,作业人员佩戴防毒口罩和手套;</li>"
            "<li>建立危险化学品台账,做到进出有记录;</li><li>每月组织一次隐患排查并留存记录。</li></ul>",
            "鞋革企业胶粘剂作业安全自查清单",
        ),
        "questions": FOOTWEAR_QUESTIONS,
    },
    {
        "slug": "software-personal-information",
        "title": "软件企业个人信息保护与数据合规",
        "industry": "software",
        "clip": "software.webm",
        "summary": "面向软件和信息技术服务企业,讲解《个人信息保护法》的告知同意、最小必要、敏感个人信息和数据出境规则,以及研发费用发票的税务红线。",
        "instructors": [("周然", "鹿城区司法局法律顾问"), ("吴启明", "温州市软件行业协会")],
        "validity": 12,
        "mode": CoursePage.EnrolmentMode.OPEN,
        "capacity": 200,
        "block_seeking": False,
        "lessons": [
            (
                "告知—同意与最小必要",
                [
                    "处理个人信息应当具有明确、合理的目的。",
                    "收集个人信息限于实现目的的最小范围。",
                    "不得以用户不同意为由拒绝提供服务。",
                ],
                "《个人信息保护法》第六条确立最小必要原则,第十三条、第十四条规定告知同意规则。"
                "App 不得强制索取与服务无关的权限,敏感个人信息需要取得单独同意。",
            ),
            (
                "敏感个人信息、泄露处置与数据出境",
                [
                    "人脸、医疗健康、金融账户属于敏感个人信息。",
                    "发生泄露须立即补救并通知。",
                    "向境外提供个人信息须单独同意并评估。",
                ],
                "《个人信息保护法》第二十八条列举敏感个人信息,第五十七条规定泄露时的补救和通知义务,"
                "第三十八条、第三十九条规定向境外提供个人信息的条件和单独同意。",
            ),
        ],
        "text_lesson": (
            "研发费用与发票:虚开增值税专用发票的红线",
            "<p>软件企业申报研发费用加计扣除时,发票必须与真实业务一致。为他人、为自己开具与实际经营业务情况不符的发票,"
            "属于虚开发票;虚开增值税专用发票税款数额十万元以上的,依照《刑法》第二百零五条定罪处罚。</p>",
            "软件企业数据合规自查清单",
        ),
        "questions": SOFTWARE_QUESTIONS,
    },
    {
        "slug": "construction-wages-quality",
        "title": "建筑企业农民工工资与工程质量安全合规",
        "industry": "construction",
        "clip": "construction.webm",
        "summary": "讲解《保障农民工工资支付条例》的专用账户与总包先行清偿,转包分包、招投标和施工安全的红线,帮助建筑企业防范刑事和行政风险。",
        "instructors": [("郑海", "鹿城区住房和城乡建设局"), ("黄立", "鹿城区人民检察院检察官")],
        "validity": None,
        "mode": CoursePage.EnrolmentMode.APPROVAL,
        "capacity": 50,
        "block_seeking": False,
        "lessons": [
            (
                "农民工工资支付的“红线”",
                [
                    "总包单位开设农民工工资专用账户。",
                    "分包拖欠由总包先行清偿。",
                    "恶意欠薪可能构成拒不支付劳动报酬罪。",
                ],
                "《保障农民工工资支付条例》第二十六条要求施工总承包单位开设农民工工资专用账户,第三十条规定分包单位拖欠的由总包先行清偿。"
                "《刑法》第二百七十六条之一规定了拒不支付劳动报酬罪。",
            ),
            (
                "施工安全、转包与串通投标",
                ["特种作业人员必须持证上岗。", "禁止转包全部建筑工程。", "串通投标的中标无效。"],
                "《安全生产法》第三十条要求特种作业人员持证上岗,第三十一条规定安全设施“三同时”。"
                "《建筑法》第二十八条禁止转包,《招标投标法》第三十二条、第五十三条禁止并惩处串通投标。",
            ),
        ],
        "text_lesson": (
            "分包与劳务用工合规要点",
            "<p>总承包单位应当依法分包,核验分包单位资质;与分包单位书面约定工资支付方式,按月核对考勤和工资;"
            "在施工现场醒目位置设立维权信息告示牌。</p>",
            "建筑企业农民工工资支付自查清单",
        ),
        "questions": CONSTRUCTION_QUESTIONS,
    },
]


def _vtt(lines):
    step = CLIP_SECONDS / len(lines)
    cues = []
    for index, line in enumerate(lines):
        start, end = index * step, (index + 1) * step
        cues.append(f"{index + 1}\n00:00:{start:06.3f} --> 00:00:{end:06.3f}\n{line}\n")
    return "WEBVTT\n\n" + "\n".join(cues)


def _media(title, clip):
    media = Media.objects.filter(title=title).first()
    if media is None:
        media = Media(title=title, type="video", duration=CLIP_SECONDS, width=320, height=180)
        media.file.save(clip, ContentFile((MEDIA_DIR / clip).read_bytes()), save=False)
        media.save()
    return media


COVER_COLOURS = {"footwear": (140, 60, 20), "software": (20, 70, 140), "construction": (30, 110, 60)}


def _cover(spec):
    """A plain cover drawn with the project's own font, so the demo needs no image files."""
    import io

    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont
    from wagtail.images.models import Image

    title = f"{spec['title']} · 封面"
    image = Image.objects.filter(title=title).first()
    if image is None:
        from core.pdf import FONT_DIR

        canvas = PILImage.new("RGB", (960, 540), COVER_COLOURS[spec["industry"]])
        draw = ImageDraw.Draw(canvas)
        font = ImageFont.truetype(str(FONT_DIR / "NotoSansSC-Bold-subset.otf"), 52)
        small = ImageFont.truetype(str(FONT_DIR / "NotoSansSC-Regular-subset.otf"), 30)
        draw.text(
            (480, 230), INDUSTRIES[spec["industry"]] + "行业合规课程", font=font, fill="white", anchor="mm"
        )
        draw.text((480, 320), "合规学堂 · 鹿城区", font=small, fill=(235, 235, 235), anchor="mm")
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        image = Image(title=title, file=ImageFile(buffer, name=f"{spec['slug']}-cover.png"))
        image.save()
    return image


def _document(title, lines):
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        body = title + "\n\n" + "\n".join(f"□ {line}" for line in lines) + "\n"
        document.file.save("checklist.txt", ContentFile(body.encode("utf-8")), save=False)
        document.save()
    return document


def _build_course(index, spec, industries, topics):
    course = ensure_child(
        index,
        CoursePage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        duration_minutes=20,
        enrolment_mode=spec["mode"],
        capacity=spec["capacity"],
        block_forward_seeking=spec["block_seeking"],
        certificate_validity_months=spec["validity"],
        quiz_question_count=8,
        quiz_random=True,
        quiz_shuffle_options=True,
        quiz_pass_mark=75,
        quiz_max_attempts=3,
        quiz_time_limit_minutes=20,
    )
    if course.cover_image_id is None:
        course.cover_image = _cover(spec)
        course.save_revision().publish()
        course = CoursePage.objects.get(pk=course.pk)
    if not course.lessons.exists():
        course.industries.set([industries[spec["industry"]]])
        for name, title in spec["instructors"]:
            course.instructors.add(CourseInstructor(name=name, title=title))
        for number, (title, caption_lines, transcript) in enumerate(spec["lessons"], start=1):
            lesson = Lesson(
                title=title,
                video=_media(f"{spec['title']} · 第{number}课", spec["clip"]),
                transcript=transcript,
                required=True,
            )
            lesson.captions.save(
                f"{spec['slug']}-{number}.vtt", ContentFile(_vtt(caption_lines).encode()), save=False
            )
            course.lessons.add(lesson)
        text_title, body, document_title = spec["text_lesson"]
        course.lessons.add(
            Lesson(
                title=text_title, body=body, document=_document(document_title, [text_title]), required=True
            )
        )
        course.save_revision().publish()
    if not Question.objects.filter(course=course).exists():
        for order, (kind, topic, text, options, explanation) in enumerate(spec["questions"]):
            question = Question.objects.create(
                course=course,
                kind=kind,
                text=text,
                explanation=explanation,
                topic=topics[topic],
                sort_order=order,
            )
            question.industries.set([industries[spec["industry"]]])
            for position, (option_text, correct) in enumerate(options):
                Option.objects.create(
                    question=question, text=option_text, is_correct=correct, sort_order=position
                )
    return CoursePage.objects.get(pk=course.pk)


def _watch(user, lesson, seconds):
    """Record ``seconds`` of real playback from the start, as the player would after watching."""
    row = progress.open_lesson(user, lesson)
    progress.record_playback(
        user, lesson, [[0, seconds]], seconds, now=row.opened_at + timedelta(seconds=seconds)
    )


def _learners(courses):
    from django.contrib.auth import get_user_model

    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@demo.example")}
    footwear, software, construction = courses
    officer, learner = users.get("zhang.officer@demo.example"), users.get("li.staff@demo.example")
    if officer and current_certificate(officer, footwear) is None:
        # The officer finished the footwear course: every lesson, then the quiz.
        enrolment_service.enrol(officer, footwear)
        for lesson in footwear.lessons.all():
            if lesson.is_video:
                if not LessonProgress.objects.filter(
                    user=officer, lesson=lesson, completed_at__isnull=False
                ).exists():
                    _watch(officer, lesson, lesson.duration_seconds)
            else:
                progress.mark_done(officer, lesson)
        if not QuizAttempt.objects.filter(user=officer, course=footwear, passed=True).exists():
            attempt = scoring.start_attempt(officer, footwear)
            answers = {
                str(item["question"]): [
                    str(pk)
                    for pk in Option.objects.filter(
                        question_id=item["question"], is_correct=True
                    ).values_list("pk", flat=True)
                ]
                for item in attempt.drawn
            }
            scoring.submit(officer, attempt.pk, answers)
        check_completion(officer, footwear)
    if learner and not LessonProgress.objects.filter(user=learner).exists():
        enrolment_service.enrol(learner, footwear)
        _watch(learner, footwear.lessons.first(), CLIP_SECONDS / 2)
    if learner and not QuizAttempt.objects.filter(user=learner).exists():
        # A first try that falls short, so the editors' "hardest questions" report has something to show.
        attempt = scoring.start_attempt(learner, footwear)
        answers = {}
        for index, item in enumerate(attempt.drawn):
            wanted = index >= 3  # the first three answered wrongly
            option = Option.objects.filter(question_id=item["question"], is_correct=wanted).first()
            answers[str(item["question"])] = [str(option.pk)]
        scoring.submit(learner, attempt.pk, answers)
    staff, software_officer = users.get("zhou.staff@demo.example"), users.get("chen.officer@demo.example")
    if (
        staff
        and software_officer
        and not CourseAssignment.objects.filter(user=staff, course=software).exists()
    ):
        CourseAssignment.objects.create(
            enterprise=software_officer.membership.enterprise,
            user=staff,
            course=software,
            due_date=timezone.localdate() + timedelta(days=14),
            assigned_by=software_officer,
        )
        enrolment_service.enrol(staff, software)
    worker = users.get("wang.staff@demo.example")
    if worker and officer and not CourseAssignment.objects.filter(user=worker, course=construction).exists():
        # An overdue assignment, so the officer's page shows the flag.
        CourseAssignment.objects.create(
            enterprise=officer.membership.enterprise,
            user=worker,
            course=construction,
            due_date=timezone.localdate() - timedelta(days=3),
            assigned_by=officer,
        )
        enrolment_service.enrol(worker, construction)  # approval course: pending


def load(stdout):
    home = get_home()
    index = ensure_child(
        home,
        CourseIndexPage,
        "courses",
        title="视频课程",
        intro="鹿城区行业合规视频课程:看视频、读要点、做测验,结业即得可在线验证的电子证书。",
    )
    industries = {}
    for code, name in INDUSTRIES.items():
        industries[code], _created = Industry.objects.get_or_create(code=code, defaults={"name": name})
    topics = {}
    for code, name in TOPICS:
        topics[code], _created = LegalTopic.objects.get_or_create(code=code, defaults={"name": name})
    courses = [_build_course(index, spec, industries, topics) for spec in COURSES]
    _learners(courses)
    jobs.ensure_schedules()
    stdout.write(f"  courses: {len(courses)} demo courses under /courses/")
