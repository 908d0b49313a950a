
import django.core.validators
import django.db.models.deletion
import events.models.registrations
import wagtail.contrib.routable_page.models
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
            name='EventIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, verbose_name='导语')),
            ],
            options={
                'verbose_name': '活动列表页',
                'verbose_name_plural': '活动列表页',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='EventPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('kind', models.CharField(choices=[('forum', '论坛'), ('salon', '沙龙'), ('lecture', '讲座'), ('training', '培训')], default='salon', max_length=10, verbose_name='类型')),
                ('summary', models.TextField(help_text='一两句话，显示在列表、首页和搜索结果中', verbose_name='简介')),
                ('start_at', models.DateTimeField(verbose_name='开始时间')),
                ('end_at', models.DateTimeField(verbose_name='结束时间')),
                ('venue', models.CharField(blank=True, max_length=200, verbose_name='场地')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='地址')),
                ('online_url', models.URLField(blank=True, verbose_name='线上参会链接')),
                ('capacity', models.PositiveIntegerField(default=50, verbose_name='名额')),
                ('registration_opens_at', models.DateTimeField(blank=True, null=True, verbose_name='报名开始时间')),
                ('registration_closes_at', models.DateTimeField(blank=True, help_text='留空则在活动开始时截止', null=True, verbose_name='报名截止时间')),
                ('requires_approval', models.BooleanField(default=False, verbose_name='报名需审核')),
                ('training_hours', models.DecimalField(decimal_places=1, default=0, help_text='签到后计入参会者的学时', max_digits=4, verbose_name='学时')),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'})}, verbose_name='活动介绍')),
                ('agenda', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10), ('agenda_item', 14)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'}), 11: ('wagtail.blocks.CharBlock', (), {'help_text': '如 09:00–09:30', 'label': '时间', 'max_length': 40}), 12: ('wagtail.blocks.CharBlock', (), {'label': '议程'}), 13: ('wagtail.blocks.CharBlock', (), {'label': '主讲/主持', 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('time', 11), ('title', 12), ('speaker', 13)]], {})}, verbose_name='议程')),
                ('related_links', wagtail.fields.StreamField([('guideline', 0), ('course', 1), ('page', 2)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'label': '相关合规指引'}), 1: ('wagtail.blocks.PageChooserBlock', (), {'label': '相关课程'}), 2: ('wagtail.blocks.PageChooserBlock', (), {'label': '其他相关页面'})}, verbose_name='相关指引与课程')),
            ],
            options={
                'verbose_name': '活动',
                'verbose_name_plural': '活动',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='EventSpeaker',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(max_length=50, verbose_name='姓名')),
                ('affiliation', models.CharField(blank=True, max_length=200, verbose_name='单位与职务')),
            ],
            options={
                'verbose_name': '嘉宾',
                'verbose_name_plural': '嘉宾',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Feedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rating', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='满意度')),
                ('comment', models.TextField(blank=True, max_length=2000, verbose_name='意见和建议')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='提交时间')),
            ],
            options={
                'verbose_name': '活动反馈',
                'verbose_name_plural': '活动反馈',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='Registration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', '待审核'), ('confirmed', '已确认'), ('waitlisted', '候补'), ('cancelled', '已取消')], db_index=True, max_length=12, verbose_name='状态')),
                ('ticket_code', models.CharField(default=events.models.registrations.new_ticket_code, editable=False, max_length=16, unique=True, verbose_name='票码')),
                ('answers', models.JSONField(blank=True, default=dict, verbose_name='报名问题回答')),
                ('consent_at', models.DateTimeField(blank=True, null=True, verbose_name='同意个人信息使用时间')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='报名时间')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='确认时间')),
                ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='取消时间')),
                ('checked_in_at', models.DateTimeField(blank=True, null=True, verbose_name='签到时间')),
                ('training_hours', models.DecimalField(decimal_places=1, default=0, max_digits=4, verbose_name='获得学时')),
                ('reminder_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='提醒发送时间')),
                ('feedback_requested_at', models.DateTimeField(blank=True, null=True, verbose_name='反馈邀请发送时间')),
                ('feedback_reminded_at', models.DateTimeField(blank=True, null=True, verbose_name='反馈催办时间')),
            ],
            options={
                'verbose_name': '活动报名',
                'verbose_name_plural': '活动报名',
                'ordering': ['created_at', 'pk'],
                'permissions': [('view_all_registrations', '可查看和管理所有活动的报名')],
            },
        ),
        migrations.CreateModel(
            name='RegistrationQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('label', models.CharField(max_length=200, verbose_name='问题')),
                ('kind', models.CharField(choices=[('text', '文字'), ('choice', '单选')], default='text', max_length=10, verbose_name='类型')),
                ('options', models.TextField(blank=True, help_text='单选题的选项，每行一个', verbose_name='选项')),
                ('required', models.BooleanField(default=True, verbose_name='必答')),
            ],
            options={
                'verbose_name': '报名问题',
                'verbose_name_plural': '报名问题',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
    ]
