
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
            name='HomePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('body', wagtail.fields.StreamField([('hero', 7), ('featured', 11), ('feed', 14), ('text', 15)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.TextBlock', (), {'label': '副标题', 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'label': '文字'}), 3: ('wagtail.blocks.PageChooserBlock', (), {'label': '页面', 'required': False}), 4: ('wagtail.blocks.CharBlock', (), {'help_text': '未选择页面时使用', 'label': '链接', 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('label', 2), ('page', 3), ('url', 4)]], {}), 6: ('wagtail.blocks.ListBlock', (5,), {'label': '按钮', 'max_num': 3, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('title', 0), ('subtitle', 1), ('actions', 6)]], {}), 8: ('wagtail.blocks.CharBlock', (), {'label': '栏目标题'}), 9: ('wagtail.blocks.PageChooserBlock', (), {}), 10: ('wagtail.blocks.ListBlock', (9,), {'label': '页面'}), 11: ('wagtail.blocks.StructBlock', [[('heading', 8), ('pages', 10)]], {}), 12: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('guidelines', '行业合规指引'), ('cases', '典型案例'), ('courses', '视频课程'), ('drills', '模拟执法检查'), ('events', '近期活动')], 'label': '内容'}), 13: ('wagtail.blocks.IntegerBlock', (), {'default': 4, 'label': '数量', 'max_value': 12, 'min_value': 1}), 14: ('wagtail.blocks.StructBlock', [[('heading', 8), ('kind', 12), ('count', 13)]], {}), 15: ('wagtail.blocks.RichTextBlock', (), {'icon': 'pilcrow', 'label': '段落'})}, verbose_name='内容')),
            ],
            options={
                'verbose_name': '首页',
                'verbose_name_plural': '首页',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='StandardPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, verbose_name='导语')),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'})}, verbose_name='正文')),
            ],
            options={
                'verbose_name': '普通页面',
                'verbose_name_plural': '普通页面',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='FooterSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('about', wagtail.fields.RichTextField(blank=True, verbose_name='简介')),
                ('links', wagtail.fields.StreamField([('link', 3)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '文字'}), 1: ('wagtail.blocks.PageChooserBlock', (), {'label': '页面', 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': '未选择页面时使用', 'label': '链接', 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('label', 0), ('page', 1), ('url', 2)]], {})}, verbose_name='底部链接')),
                ('contact', models.CharField(blank=True, max_length=255, verbose_name='联系方式')),
                ('icp_number', models.CharField(blank=True, max_length=64, verbose_name='ICP备案号')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': '页脚',
            },
        ),
        migrations.CreateModel(
            name='NavigationSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('header_links', wagtail.fields.StreamField([('link', 3)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '文字'}), 1: ('wagtail.blocks.PageChooserBlock', (), {'label': '页面', 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': '未选择页面时使用', 'label': '链接', 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('label', 0), ('page', 1), ('url', 2)]], {})}, verbose_name='顶部导航')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': '导航',
            },
        ),
    ]
