
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('courses', '0002_initial'),
        ('drills', '0001_initial'),
        ('library', '0001_initial'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='drillanswer',
            name='guideline_items',
            field=models.ManyToManyField(blank=True, related_name='+', to='library.guidelineitem', verbose_name='对应指引条目'),
        ),
        migrations.AddField(
            model_name='drillchoice',
            name='guideline_items',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='drill_choices', to='library.guidelineitem', verbose_name='对应指引条目'),
        ),
        migrations.AddField(
            model_name='drillanswer',
            name='choice',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='answers', to='drills.drillchoice', verbose_name='选项'),
        ),
        migrations.AddField(
            model_name='drillpage',
            name='cover_image',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='封面图'),
        ),
        migrations.AddField(
            model_name='drillpage',
            name='industry',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='drill_pages', to='library.industry', verbose_name='行业'),
        ),
        migrations.AddField(
            model_name='drillpage',
            name='related_courses',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='报告中优先推荐的课程；另会补充同行业的课程', related_name='+', to='courses.coursepage', verbose_name='推荐课程'),
        ),
        migrations.AddField(
            model_name='drillrun',
            name='scenario',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='runs', to='drills.drillpage', verbose_name='演练'),
        ),
        migrations.AddField(
            model_name='drillrun',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='drill_runs', to=settings.AUTH_USER_MODEL, verbose_name='学员'),
        ),
        migrations.AddField(
            model_name='drillanswer',
            name='run',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='drills.drillrun', verbose_name='演练记录'),
        ),
        migrations.AddField(
            model_name='drillstep',
            name='page',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='drills.drillpage'),
        ),
        migrations.AddField(
            model_name='drillrun',
            name='current_step',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='drills.drillstep', verbose_name='当前步骤'),
        ),
        migrations.AddField(
            model_name='drillchoice',
            name='step',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='choices', to='drills.drillstep'),
        ),
        migrations.AddField(
            model_name='drillanswer',
            name='step',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='answers', to='drills.drillstep', verbose_name='步骤'),
        ),
        migrations.AddField(
            model_name='selfcheckanswer',
            name='item',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='library.guidelineitem', verbose_name='指引条目'),
        ),
        migrations.AddField(
            model_name='selfcheckpage',
            name='industry',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='self_check_pages', to='library.industry', verbose_name='行业'),
        ),
        migrations.AddField(
            model_name='selfcheckresult',
            name='industry',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='self_check_results', to='library.industry', verbose_name='行业'),
        ),
        migrations.AddField(
            model_name='selfcheckresult',
            name='page',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='results', to='drills.selfcheckpage', verbose_name='合规体检'),
        ),
        migrations.AddField(
            model_name='selfcheckresult',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='self_check_results', to=settings.AUTH_USER_MODEL, verbose_name='用户'),
        ),
        migrations.AddField(
            model_name='selfcheckanswer',
            name='result',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='drills.selfcheckresult'),
        ),
        migrations.AddConstraint(
            model_name='drillrun',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'in_progress')), fields=('user', 'scenario'), name='drills_one_open_run_per_user_scenario'),
        ),
        migrations.AddConstraint(
            model_name='drillanswer',
            constraint=models.UniqueConstraint(fields=('run', 'step'), name='drills_answer_once_per_step'),
        ),
        migrations.AddConstraint(
            model_name='drillanswer',
            constraint=models.UniqueConstraint(fields=('run', 'position'), name='drills_answer_position_unique'),
        ),
        migrations.AddConstraint(
            model_name='selfcheckanswer',
            constraint=models.UniqueConstraint(fields=('result', 'position'), name='drills_checkup_position_unique'),
        ),
    ]
