
import courses.models.certificate
import courses.models.lesson
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AnswerRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_correct', models.BooleanField(default=False)),
            ],
        ),
        migrations.CreateModel(
            name='CourseIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, verbose_name='导语')),
            ],
            options={
                'verbose_name': '课程列表页',
                'verbose_name_plural': '课程列表页',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='CourseInstructor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(max_length=50, verbose_name='姓名')),
                ('title', models.CharField(blank=True, help_text='如 鹿城区检察院检察官', max_length=100, verbose_name='职务')),
            ],
            options={
                'verbose_name': '讲师',
                'verbose_name_plural': '讲师',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Enrolment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', '待审核'), ('active', '已报名'), ('rejected', '未通过'), ('withdrawn', '已退课')], default='active', max_length=10, verbose_name='状态')),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='报名时间')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='审核时间')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='结业时间')),
            ],
            options={
                'verbose_name': '报名',
                'verbose_name_plural': '报名',
                'ordering': ['-requested_at'],
            },
        ),
        migrations.CreateModel(
            name='LegalTopic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, unique=True, verbose_name='法律主题')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='代码')),
            ],
            options={
                'verbose_name': '法律主题',
                'verbose_name_plural': '法律主题',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Lesson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('title', models.CharField(max_length=200, verbose_name='课时标题')),
                ('captions', models.FileField(blank=True, upload_to='courses/captions/', validators=[django.core.validators.FileExtensionValidator(['vtt']), courses.models.lesson.validate_webvtt], verbose_name='字幕（WebVTT）')),
                ('transcript', models.TextField(blank=True, verbose_name='文字稿')),
                ('body', wagtail.fields.RichTextField(blank=True, verbose_name='图文内容')),
                ('required', models.BooleanField(default=True, help_text='结业须完成所有必修课时', verbose_name='必修')),
                ('completion_threshold', models.PositiveSmallIntegerField(default=90, help_text='实际观看时长达到视频时长的该比例即完成', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='完成比例（%）')),
            ],
            options={
                'verbose_name': '课时',
                'verbose_name_plural': '课时',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='LessonProgress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('intervals', models.JSONField(blank=True, default=list)),
                ('watched_seconds', models.FloatField(default=0, verbose_name='实际观看秒数')),
                ('position', models.FloatField(default=0, verbose_name='上次播放位置')),
                ('opened_at', models.DateTimeField(blank=True, null=True, verbose_name='打开时间')),
                ('last_report_at', models.DateTimeField(blank=True, null=True, verbose_name='最后上报时间')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='完成时间')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': '学习进度',
                'verbose_name_plural': '学习进度',
            },
        ),
        migrations.CreateModel(
            name='Option',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('text', models.CharField(max_length=300, verbose_name='选项内容')),
                ('is_correct', models.BooleanField(default=False, verbose_name='正确答案')),
            ],
            options={
                'verbose_name': '选项',
                'verbose_name_plural': '选项',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Question',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('single', '单选题'), ('multiple', '多选题'), ('truefalse', '判断题')], default='single', max_length=10, verbose_name='题型')),
                ('text', models.TextField(verbose_name='题干')),
                ('explanation', models.TextField(help_text='交卷后向学员展示，说明正确答案及法律依据', verbose_name='解析')),
                ('sort_order', models.PositiveIntegerField(default=0, verbose_name='排序')),
                ('active', models.BooleanField(default=True, verbose_name='启用')),
            ],
            options={
                'verbose_name': '题目',
                'verbose_name_plural': '题库',
                'ordering': ['course', 'sort_order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='QuizAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='第几次')),
                ('drawn', models.JSONField(default=list)),
                ('answers', models.JSONField(blank=True, default=dict)),
                ('started_at', models.DateTimeField(verbose_name='开始时间')),
                ('deadline', models.DateTimeField(blank=True, null=True, verbose_name='截止时间')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='交卷时间')),
                ('correct_count', models.PositiveSmallIntegerField(default=0, verbose_name='答对题数')),
                ('score', models.PositiveSmallIntegerField(default=0, verbose_name='得分')),
                ('passed', models.BooleanField(default=False, verbose_name='通过')),
            ],
            options={
                'verbose_name': '测验记录',
                'verbose_name_plural': '测验记录',
                'ordering': ['-started_at'],
            },
        ),
        migrations.CreateModel(
            name='QuizRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('count', models.PositiveSmallIntegerField(default=2, verbose_name='抽题数')),
            ],
            options={
                'verbose_name': '抽题规则',
                'verbose_name_plural': '抽题规则',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Certificate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(default=courses.models.certificate.new_certificate_code, editable=False, max_length=32, unique=True, verbose_name='证书编号')),
                ('holder_name', models.CharField(max_length=100, verbose_name='姓名')),
                ('enterprise_name', models.CharField(blank=True, max_length=200, verbose_name='企业')),
                ('course_title', models.CharField(max_length=255, verbose_name='课程名称')),
                ('training_hours', models.DecimalField(decimal_places=2, default=0, max_digits=6, verbose_name='学时')),
                ('issued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='发证日期')),
                ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='有效期至')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='撤销时间')),
                ('revoked_reason', models.CharField(blank=True, max_length=200, verbose_name='撤销原因')),
                ('reminded_at', models.DateTimeField(blank=True, null=True, verbose_name='到期提醒时间')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='certificates', to=settings.AUTH_USER_MODEL, verbose_name='持证人')),
            ],
            options={
                'verbose_name': '结业证书',
                'verbose_name_plural': '结业证书',
                'ordering': ['-issued_at'],
            },
        ),
        migrations.CreateModel(
            name='CourseAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due_date', models.DateField(verbose_name='截止日期')),
                ('assigned_at', models.DateTimeField(auto_now_add=True, verbose_name='指派时间')),
                ('reminded_due_at', models.DateTimeField(blank=True, null=True, verbose_name='到期前提醒时间')),
                ('reminded_overdue_at', models.DateTimeField(blank=True, null=True, verbose_name='逾期提醒时间')),
                ('assigned_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='course_assignments', to='accounts.enterprise', verbose_name='企业')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='course_assignments', to=settings.AUTH_USER_MODEL, verbose_name='员工')),
            ],
            options={
                'verbose_name': '课程指派',
                'verbose_name_plural': '课程指派',
                'ordering': ['due_date'],
            },
        ),
        migrations.CreateModel(
            name='CoursePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('summary', models.TextField(help_text='一两句话，用于列表和搜索结果', verbose_name='课程简介')),
                ('description', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'})}, verbose_name='课程介绍')),
                ('duration_minutes', models.PositiveIntegerField(default=0, help_text='课程视频和阅读的大致总时长', verbose_name='课程时长（分钟）')),
                ('enrolment_mode', models.CharField(choices=[('open', '自由报名'), ('approval', '审核报名')], default='open', max_length=10, verbose_name='报名方式')),
                ('capacity', models.PositiveIntegerField(blank=True, help_text='留空表示不限名额', null=True, verbose_name='名额')),
                ('block_forward_seeking', models.BooleanField(default=False, help_text='学员不能把视频拖动到尚未观看的位置', verbose_name='禁止快进')),
                ('requires_quiz', models.BooleanField(default=True, help_text='结业须通过课程测验（题库为空时不要求）', verbose_name='须通过测验')),
                ('certificate_validity_months', models.PositiveSmallIntegerField(blank=True, help_text='留空表示长期有效', null=True, verbose_name='证书有效期（月）')),
                ('quiz_question_count', models.PositiveSmallIntegerField(default=8, help_text='未设置抽题规则时，从题库中抽取的题目数', validators=[django.core.validators.MinValueValidator(1)], verbose_name='每次抽题数')),
                ('quiz_random', models.BooleanField(default=True, help_text='否则按题库顺序', verbose_name='随机抽题')),
                ('quiz_shuffle_options', models.BooleanField(default=True, verbose_name='选项乱序')),
                ('quiz_pass_mark', models.PositiveSmallIntegerField(default=80, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='及格分（百分制）')),
                ('quiz_max_attempts', models.PositiveSmallIntegerField(default=3, validators=[django.core.validators.MinValueValidator(1)], verbose_name='最多测验次数')),
                ('quiz_time_limit_minutes', models.PositiveSmallIntegerField(blank=True, help_text='留空表示不限时', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='答题时限（分钟）')),
                ('cover_image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='封面图')),
            ],
            options={
                'verbose_name': '课程',
                'verbose_name_plural': '课程',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
    ]
