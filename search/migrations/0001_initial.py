
import django.db.models.deletion
import modelsearch.index
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('library', '0001_initial'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='标题')),
                ('summary', models.TextField(blank=True, verbose_name='摘要')),
                ('text', models.TextField(blank=True, help_text='页面可搜索字段的原文（未分词），用于摘要高亮和子串检索', verbose_name='正文文本')),
                ('starts_at', models.DateTimeField(blank=True, null=True, verbose_name='开始时间')),
                ('ends_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='结束时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype', verbose_name='内容类型')),
                ('industries', models.ManyToManyField(blank=True, related_name='+', to='library.industry', verbose_name='行业')),
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='search_document', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='页面')),
            ],
            options={
                'verbose_name': '搜索文档',
                'verbose_name_plural': '搜索文档',
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
    ]
