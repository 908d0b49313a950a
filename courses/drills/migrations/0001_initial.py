
import django.core.validators
import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='DrillAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='序号')),
                ('phase', models.CharField(choices=[('arrival', '到场亮证'), ('documents', '资料检查'), ('site', '现场检查'), ('interview', '人员询问'), ('escalation', '调查升级'), ('closing', '检查结论')], max_length=20, verbose_name='环节')),
                ('step_title', models.CharField(max_length=100, verbose_name='步骤标题')),
                ('question', models.TextField(verbose_name='执法人员的要求或提问')),
                ('choice_text', models.CharField(max_length=300, verbose_name='所选选项')),
                ('score', models.PositiveSmallIntegerField(verbose_name='得分')),
                ('max_score', models.PositiveSmallIntegerField(verbose_name='本步满分')),
                ('level', models.CharField(choices=[('red', '红灯'), ('yellow', '黄灯'), ('green', '绿灯')], max_length=10, verbose_name='评级')),
                ('feedback', models.TextField(blank=True, verbose_name='点评')),
                ('answered_at', models.DateTimeField(auto_now_add=True, verbose_name='作答时间')),
            ],
            options={
                'verbose_name': '演练作答',
                'verbose_name_plural': '演练作答',
                'ordering': ['run', 'position'],
            },
        ),
        migrations.CreateModel(
            name='DrillChoice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('text', models.CharField(max_length=300, verbose_name='选项内容')),
                ('score', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(100)], verbose_name='得分')),
                ('level', models.CharField(choices=[('red', '红灯'), ('yellow', '黄灯'), ('green', '绿灯')], default='green', max_length=10, verbose_name='评级')),
                ('feedback', models.TextField(blank=True, help_text='作答后显示，并写入报告', verbose_name='点评')),
                ('next_step_key', models.SlugField(blank=True, help_text='填写本演练中某个步骤的代码以进入分支;留空则按顺序进入下一步骤', max_length=40, verbose_name='跳转到步骤')),
            ],
            options={
                'verbose_name': '选项',
                'verbose_name_plural': '选项',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='DrillIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, verbose_name='导语')),
            ],
            options={
                'verbose_name': '模拟检查目录',
                'verbose_name_plural': '模拟检查目录',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='DrillPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('authority', models.CharField(help_text='如：区人力社保局、区应急管理局联合检查组', max_length=100, verbose_name='检查机关')),
                ('firm_name', models.CharField(max_length=100, verbose_name='企业名称（虚构）')),
                ('setting', models.TextField(help_text='全场景还原的生产经营情况：规模、人员、工艺、近期经营动态', verbose_name='企业情境')),
                ('intro', models.TextField(help_text='一两句话，用于列表和搜索结果', verbose_name='导语')),
                ('briefing', wagtail.fields.RichTextField(blank=True, help_text='开始前给学员的说明：扮演的角色、评分方式', verbose_name='演练说明')),
                ('estimated_minutes', models.PositiveSmallIntegerField(default=15, verbose_name='预计用时（分钟）')),
            ],
            options={
                'verbose_name': '模拟执法检查',
                'verbose_name_plural': '模拟执法检查',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='DrillRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('in_progress', '进行中'), ('completed', '已完成')], default='in_progress', max_length=20, verbose_name='状态')),
                ('started_at', models.DateTimeField(auto_now_add=True, verbose_name='开始时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='最近作答')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='完成时间')),
                ('score', models.PositiveIntegerField(default=0, verbose_name='得分')),
                ('max_score', models.PositiveIntegerField(default=0, verbose_name='满分')),
                ('percent', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='得分率')),
                ('grade', models.CharField(blank=True, choices=[('excellent', '优秀'), ('good', '良好'), ('pass', '合格'), ('rectify', '需整改')], max_length=20, verbose_name='评级')),
                ('red_count', models.PositiveSmallIntegerField(default=0, verbose_name='红灯')),
                ('yellow_count', models.PositiveSmallIntegerField(default=0, verbose_name='黄灯')),
            ],
            options={
                'verbose_name': '演练记录',
                'verbose_name_plural': '演练记录',
                'ordering': ['-started_at'],
            },
        ),
        migrations.CreateModel(
            name='DrillStep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('key', models.SlugField(help_text='本演练内唯一的英文短名，如 payroll；选项通过它跳转到本步骤', max_length=40, verbose_name='步骤代码')),
                ('phase', models.CharField(choices=[('arrival', '到场亮证'), ('documents', '资料检查'), ('site', '现场检查'), ('interview', '人员询问'), ('escalation', '调查升级'), ('closing', '检查结论')], default='documents', max_length=20, verbose_name='环节')),
                ('title', models.CharField(max_length=100, verbose_name='步骤标题')),
                ('inspector_says', models.TextField(verbose_name='执法人员的要求或提问')),
                ('scene', wagtail.fields.RichTextField(blank=True, help_text='现场描述、人员在场情况等', verbose_name='学员看到的情况')),
                ('exhibits', wagtail.fields.StreamField([('document', 2), ('photo', 5), ('note', 6)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': '如：劳动合同（样本）、2026年10月工资表', 'label': '材料名称'}), 1: ('wagtail.blocks.TextBlock', (), {'help_text': '摘录学员能看到的内容，保留换行', 'label': '材料内容'}), 2: ('wagtail.blocks.StructBlock', [[('title', 0), ('body', 1)]], {}), 3: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': '照片'}), 4: ('wagtail.blocks.CharBlock', (), {'label': '说明', 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('image', 3), ('caption', 4)]], {}), 6: ('wagtail.blocks.TextBlock', (), {'icon': 'site', 'label': '现场情况', 'template': 'drills/blocks/exhibit_note.html'})}, verbose_name='材料与照片')),
                ('is_branch', models.BooleanField(default=False, help_text='勾选后，默认顺序会跳过本步骤，只有选项指向它时才会进入（如拒绝配合后的执法升级）', verbose_name='仅由分支进入')),
            ],
            options={
                'verbose_name': '检查步骤',
                'verbose_name_plural': '检查步骤',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='SelfCheckAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='序号')),
                ('item_title', models.CharField(max_length=200, verbose_name='条目')),
                ('item_level', models.CharField(choices=[('red', '红灯'), ('yellow', '黄灯'), ('green', '绿灯')], max_length=10, verbose_name='条目等级')),
                ('section', models.CharField(blank=True, max_length=50, verbose_name='风险领域')),
                ('answer', models.CharField(choices=[('yes', '是，已做到'), ('partly', '部分做到'), ('no', '否，未做到'), ('na', '不适用')], max_length=10, verbose_name='回答')),
                ('level', models.CharField(choices=[('red', '红灯'), ('yellow', '黄灯'), ('green', '绿灯')], max_length=10, verbose_name='评级')),
                ('score', models.PositiveSmallIntegerField(verbose_name='得分')),
                ('max_score', models.PositiveSmallIntegerField(verbose_name='满分')),
            ],
            options={
                'verbose_name': '体检作答',
                'verbose_name_plural': '体检作答',
                'ordering': ['result', 'position'],
            },
        ),
        migrations.CreateModel(
            name='SelfCheckPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(help_text='一两句话，用于列表和搜索结果', verbose_name='导语')),
                ('instructions', wagtail.fields.RichTextField(blank=True, verbose_name='填写说明')),
            ],
            options={
                'verbose_name': '合规体检',
                'verbose_name_plural': '合规体检',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='SelfCheckResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='体检名称')),
                ('subject', models.CharField(blank=True, max_length=200, verbose_name='受检企业')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='体检时间')),
                ('score', models.PositiveIntegerField(default=0, verbose_name='得分')),
                ('max_score', models.PositiveIntegerField(default=0, verbose_name='满分')),
                ('percent', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='得分率')),
                ('grade', models.CharField(blank=True, choices=[('excellent', '优秀'), ('good', '良好'), ('pass', '合格'), ('rectify', '需整改')], max_length=20, verbose_name='评级')),
                ('red_count', models.PositiveSmallIntegerField(default=0, verbose_name='红灯')),
                ('yellow_count', models.PositiveSmallIntegerField(default=0, verbose_name='黄灯')),
            ],
            options={
                'verbose_name': '合规体检结果',
                'verbose_name_plural': '合规体检结果',
                'ordering': ['-created_at'],
            },
        ),
    ]
