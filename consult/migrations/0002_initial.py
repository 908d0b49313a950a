
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('consult', '0001_initial'),
        ('library', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='consultationrequest',
            name='industry',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='library.industry', verbose_name='行业'),
        ),
        migrations.AddField(
            model_name='consultationrequest',
            name='risk_area',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='library.riskarea', verbose_name='风险领域'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='audit_entries', to='consult.consultationrequest'),
        ),
        migrations.AddField(
            model_name='attachment',
            name='request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='consult.consultationrequest'),
        ),
        migrations.AddField(
            model_name='deadlinenotice',
            name='request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='consult.consultationrequest'),
        ),
        migrations.AddField(
            model_name='department',
            name='group',
            field=models.OneToOneField(blank=True, help_text='该组成员即本部门的咨询受理人员。', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='consult_department', to='auth.group', verbose_name='管理后台用户组'),
        ),
        migrations.AddField(
            model_name='consultationrequest',
            name='department',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='requests', to='consult.department', verbose_name='受理部门'),
        ),
        migrations.AddField(
            model_name='message',
            name='department',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='consult.department', verbose_name='部门'),
        ),
        migrations.AddField(
            model_name='message',
            name='request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='consult.consultationrequest'),
        ),
        migrations.AddField(
            model_name='message',
            name='sender',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='发送人'),
        ),
        migrations.AddField(
            model_name='attachment',
            name='message',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='consult.message'),
        ),
        migrations.AddField(
            model_name='rating',
            name='rated_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='评价人'),
        ),
        migrations.AddField(
            model_name='rating',
            name='request',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='rating', to='consult.consultationrequest'),
        ),
        migrations.AddField(
            model_name='transfer',
            name='by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='经办人'),
        ),
        migrations.AddField(
            model_name='transfer',
            name='from_department',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='consult.department', verbose_name='原部门'),
        ),
        migrations.AddField(
            model_name='transfer',
            name='request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transfers', to='consult.consultationrequest'),
        ),
        migrations.AddField(
            model_name='transfer',
            name='to_department',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='consult.department', verbose_name='转至部门'),
        ),
        migrations.AddConstraint(
            model_name='deadlinenotice',
            constraint=models.UniqueConstraint(fields=('request', 'stage', 'kind'), name='consult_notice_once_per_stage'),
        ),
        migrations.AddIndex(
            model_name='consultationrequest',
            index=models.Index(fields=['department', 'status'], name='consult_con_departm_0d2f46_idx'),
        ),
    ]
