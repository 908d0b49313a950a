
import consult.models.desk
import consult.models.request
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Attachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=200, upload_to=consult.models.request.attachment_path, verbose_name='文件')),
                ('original_name', models.CharField(max_length=200, verbose_name='文件名')),
                ('size', models.PositiveIntegerField(verbose_name='大小（字节）')),
                ('kind', models.CharField(max_length=10, verbose_name='类型')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='上传时间')),
            ],
            options={
                'verbose_name': '附件',
                'verbose_name_plural': '附件',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='ConsultSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('working_hours', models.CharField(default='08:30-12:00, 13:30-17:30', help_text='北京时间，多个时段用逗号分隔，如“08:30-12:00, 13:30-17:30”。', max_length=100, validators=[consult.models.desk.validate_working_hours], verbose_name='工作时间')),
                ('ack_minutes', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(1)], verbose_name='响应时限（工作分钟）')),
                ('simple_days', models.PositiveSmallIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1)], verbose_name='简单事项办结时限（工作日）')),
                ('complex_days', models.PositiveSmallIntegerField(default=5, validators=[django.core.validators.MinValueValidator(1)], verbose_name='复杂事项反馈时限（工作日）')),
                ('ack_warning_minutes', models.PositiveSmallIntegerField(default=10, verbose_name='响应临期提醒（剩余工作分钟）')),
                ('answer_warning_minutes', models.PositiveSmallIntegerField(default=120, verbose_name='答复临期提醒（剩余工作分钟）')),
                ('annual_target', models.PositiveSmallIntegerField(default=60, verbose_name='年度咨询服务目标（次）')),
                ('satisfaction_target', models.PositiveSmallIntegerField(default=90, validators=[django.core.validators.MaxValueValidator(100)], verbose_name='满意度目标（%）')),
            ],
            options={
                'verbose_name': '法律咨询设置',
            },
        ),
        migrations.CreateModel(
            name='DeadlineNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.CharField(choices=[('ack', '响应'), ('answer', '答复')], max_length=10, verbose_name='环节')),
                ('kind', models.CharField(choices=[('warning', '临期提醒'), ('overdue', '超时提醒')], max_length=10, verbose_name='类型')),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='发送时间')),
                ('recipients', models.TextField(blank=True, verbose_name='收件人')),
            ],
            options={
                'verbose_name': '期限提醒',
                'verbose_name_plural': '期限提醒',
            },
        ),
        migrations.CreateModel(
            name='Department',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, unique=True, verbose_name='部门名称')),
                ('slug', models.SlugField(max_length=40, unique=True, verbose_name='代码')),
                ('email', models.EmailField(blank=True, help_text='期限提醒同时发送到此邮箱。', max_length=254, verbose_name='部门邮箱')),
                ('description', models.CharField(blank=True, max_length=255, verbose_name='受理范围')),
                ('is_intake', models.BooleanField(default=False, help_text='企业未选择部门时，咨询由默认受理部门接收并分派。', verbose_name='默认受理部门')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
            ],
            options={
                'verbose_name': '受理部门',
                'verbose_name_plural': '受理部门',
                'ordering': ['sort_order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Message',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('side', models.CharField(choices=[('enterprise', '企业'), ('department', '部门')], max_length=12, verbose_name='发送方')),
                ('text', models.TextField(verbose_name='内容')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='时间')),
            ],
            options={
                'verbose_name': '咨询往来',
                'verbose_name_plural': '咨询往来',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='PublicHoliday',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(unique=True, verbose_name='日期')),
                ('name', models.CharField(max_length=50, verbose_name='名称')),
                ('is_workday', models.BooleanField(default=False, help_text='勾选表示该日为调休上班的周末，计入工作时间。', verbose_name='调休上班日')),
            ],
            options={
                'verbose_name': '节假日与调休',
                'verbose_name_plural': '节假日与调休',
                'ordering': ['date'],
            },
        ),
        migrations.CreateModel(
            name='Rating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='评分')),
                ('comment', models.TextField(blank=True, verbose_name='评价')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='评价时间')),
            ],
            options={
                'verbose_name': '满意度评价',
                'verbose_name_plural': '满意度评价',
            },
        ),
        migrations.CreateModel(
            name='Transfer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(verbose_name='转办理由')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='转办时间')),
            ],
            options={
                'verbose_name': '转办记录',
                'verbose_name_plural': '转办记录',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('view', '查看'), ('submit', '提交'), ('acknowledge', '响应'), ('assign', '分派'), ('transfer', '转办'), ('classify', '定性'), ('answer', '答复'), ('reply', '企业回复'), ('close', '办结评价'), ('download', '下载附件'), ('deadline', '期限提醒')], max_length=12, verbose_name='操作')),
                ('detail', models.CharField(blank=True, max_length=255, verbose_name='说明')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='时间')),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='用户')),
            ],
            options={
                'verbose_name': '审计记录',
                'verbose_name_plural': '审计记录',
                'ordering': ['-at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ConsultationRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=120, verbose_name='标题')),
                ('description', models.TextField(verbose_name='问题描述')),
                ('urgent', models.BooleanField(default=False, verbose_name='紧急')),
                ('may_publish_anonymously', models.BooleanField(default=False, verbose_name='同意匿名公开')),
                ('complexity', models.CharField(blank=True, choices=[('', '未定'), ('simple', '简单事项'), ('complex', '复杂事项')], default='', max_length=10, verbose_name='事项类型')),
                ('status', models.CharField(choices=[('new', '待响应'), ('acknowledged', '已响应'), ('in_progress', '办理中'), ('answered', '已答复'), ('closed', '已办结')], default='new', max_length=20, verbose_name='状态')),
                ('submitted_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='提交时间')),
                ('ack_due_at', models.DateTimeField(verbose_name='响应期限')),
                ('acknowledged_at', models.DateTimeField(blank=True, null=True, verbose_name='响应时间')),
                ('ack_met_at', models.DateTimeField(blank=True, null=True, verbose_name='按时响应于')),
                ('ack_missed_at', models.DateTimeField(blank=True, null=True, verbose_name='响应超时于')),
                ('answer_due_at', models.DateTimeField(verbose_name='答复期限')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='首次答复时间')),
                ('answer_met_at', models.DateTimeField(blank=True, null=True, verbose_name='按时答复于')),
                ('answer_missed_at', models.DateTimeField(blank=True, null=True, verbose_name='答复超时于')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='办结时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('asker', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='consultations', to=settings.AUTH_USER_MODEL, verbose_name='提问人')),
                ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_consultations', to=settings.AUTH_USER_MODEL, verbose_name='承办人')),
                ('enterprise', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='consultations', to='accounts.enterprise', verbose_name='企业')),
            ],
            options={
                'verbose_name': '咨询',
                'verbose_name_plural': '咨询',
                'ordering': ['-submitted_at'],
            },
        ),
    ]
