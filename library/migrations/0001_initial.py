
import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
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
            name='CaseIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, verbose_name='导语')),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'})}, verbose_name='正文')),
            ],
            options={
                'verbose_name': '典型案例目录',
                'verbose_name_plural': '典型案例目录',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='FlexibleEnforcementPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, verbose_name='导语')),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'})}, verbose_name='正文')),
            ],
            options={
                'verbose_name': '4+X 柔性执法清单',
                'verbose_name_plural': '4+X 柔性执法清单',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='GuidelineIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, verbose_name='导语')),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'})}, verbose_name='正文')),
            ],
            options={
                'verbose_name': '行业合规指引目录',
                'verbose_name_plural': '行业合规指引目录',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='GuidelinePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, verbose_name='导语')),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'})}, verbose_name='正文')),
            ],
            options={
                'verbose_name': '行业合规指引',
                'verbose_name_plural': '行业合规指引',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='Industry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, unique=True, verbose_name='行业名称')),
                ('code', models.SlugField(help_text='英文短名，用于网址筛选，如 footwear', max_length=40, unique=True, verbose_name='代码')),
                ('description', models.TextField(blank=True, verbose_name='简介')),
                ('icon', models.CharField(blank=True, help_text='一个表情符号或简短字符,如 👞', max_length=8, verbose_name='图标')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
            ],
            options={
                'verbose_name': '行业',
                'verbose_name_plural': '行业',
                'ordering': ['sort_order', 'name'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='RiskArea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, unique=True, verbose_name='风险领域')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='代码')),
                ('description', models.TextField(blank=True, verbose_name='简介')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
            ],
            options={
                'verbose_name': '风险领域',
                'verbose_name_plural': '风险领域',
                'ordering': ['sort_order', 'name'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='GuidelineItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('title', models.CharField(max_length=200, verbose_name='条目')),
                ('level', models.CharField(choices=[('red', '红线'), ('yellow', '底线'), ('green', '倡导/推荐做法')], default='yellow', max_length=10, verbose_name='等级')),
                ('what_to_do', wagtail.fields.RichTextField(help_text='企业应当做什么、不得做什么', verbose_name='合规要求')),
                ('legal_basis', models.TextField(help_text='法律名称及条款，如《安全生产法》第二十一条', verbose_name='法律依据')),
                ('consequence', models.TextField(blank=True, help_text='法律责任与处罚幅度', verbose_name='典型后果')),
                ('remedy', models.TextField(blank=True, verbose_name='整改建议')),
                ('flexible_category', models.CharField(blank=True, choices=[('first_offence', '首违不罚'), ('minor', '轻微减罚'), ('admit', '认罚轻处'), ('public_interest', '公益减罚')], help_text='4+X 清单类别，不适用则留空', max_length=20, verbose_name='柔性执法类别')),
                ('flexible_conditions', models.TextField(blank=True, verbose_name='柔性执法适用条件')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='library.guidelinepage')),
                ('risk_area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='guideline_items', to='library.riskarea', verbose_name='风险领域')),
            ],
            options={
                'verbose_name': '指引条目',
                'verbose_name_plural': '指引条目',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='guidelinepage',
            name='industry',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='guideline_pages', to='library.industry', verbose_name='行业'),
        ),
        migrations.CreateModel(
            name='ContactPoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('association', models.CharField(max_length=100, verbose_name='行业协会')),
                ('name', models.CharField(blank=True, max_length=100, verbose_name='联系点名称')),
                ('address', models.CharField(max_length=255, verbose_name='地址')),
                ('contact_person', models.CharField(max_length=50, verbose_name='联系人')),
                ('phone', models.CharField(max_length=40, verbose_name='电话')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='邮箱')),
                ('opening_hours', models.CharField(blank=True, max_length=100, verbose_name='服务时间')),
                ('services', models.TextField(help_text='每行一项', verbose_name='服务内容')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
                ('industry', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contact_points', to='library.industry', verbose_name='行业')),
            ],
            options={
                'verbose_name': '合规建设联系点',
                'verbose_name_plural': '合规建设联系点',
                'ordering': ['sort_order', 'association'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddField(
            model_name='guidelinepage',
            name='risk_area',
            field=models.ForeignKey(blank=True, help_text='留空表示覆盖该行业的全部风险领域', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='library.riskarea', verbose_name='聚焦风险领域'),
        ),
        migrations.CreateModel(
            name='CasePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('case_type', models.CharField(choices=[('criminal', '刑事'), ('administrative', '行政')], max_length=20, verbose_name='案件类型')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1980), django.core.validators.MaxValueValidator(2100)], verbose_name='年份')),
                ('summary', models.TextField(help_text='一两句话概括案件与结果', verbose_name='案情摘要')),
                ('facts', wagtail.fields.RichTextField(verbose_name='基本案情')),
                ('rectification', wagtail.fields.RichTextField(blank=True, verbose_name='合规整改')),
                ('outcome', models.CharField(help_text='如：不起诉、从轻处罚、免予处罚', max_length=100, verbose_name='处理结果')),
                ('lessons', wagtail.fields.RichTextField(blank=True, help_text='对同类企业的警示与启示', verbose_name='以案说法')),
                ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 4), ('callout', 7), ('document', 8), ('quote', 9), ('embed', 10)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': '标题'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'H2'), ('h3', 'H3'), ('h4', 'H4')], 'label': '级别'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('size', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link', 'hr'], 'icon': 'pilcrow', 'label': '段落'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': '图片'}), 5: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', '提示'), ('warning', '注意'), ('danger', '红线')], 'label': '类型'}), 6: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': '内容'}), 7: ('wagtail.blocks.StructBlock', [[('level', 5), ('text', 6)]], {}), 8: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': '文件下载', 'template': 'blocks/document_block.html'}), 9: ('wagtail.blocks.BlockQuoteBlock', (), {'label': '引文'}), 10: ('wagtail.blocks.RawHTMLBlock', (), {'group': '高级', 'label': 'HTML'})}, verbose_name='补充内容')),
                ('guideline_items', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='cases', to='library.guidelineitem', verbose_name='关联指引条目')),
                ('industry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='library.industry', verbose_name='行业')),
            ],
            options={
                'verbose_name': '典型案例',
                'verbose_name_plural': '典型案例',
                'indexes': [models.Index(fields=['year'], name='library_case_year'), models.Index(fields=['case_type', 'year'], name='library_case_type_year')],
            },
            bases=('wagtailcore.page',),
        ),
        migrations.AddIndex(
            model_name='guidelineitem',
            index=models.Index(fields=['page', 'sort_order'], name='library_item_page_order'),
        ),
        migrations.AddIndex(
            model_name='guidelineitem',
            index=models.Index(fields=['flexible_category'], name='library_item_flexible'),
        ),
    ]
