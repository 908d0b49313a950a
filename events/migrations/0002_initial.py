
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('events', '0001_initial'),
        ('library', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='eventpage',
            name='industries',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='events', to='library.industry', verbose_name='相关行业'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='organiser_group',
            field=models.ForeignKey(blank=True, help_text='该用户组的成员也是本活动的组织者', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='auth.group', verbose_name='组织者用户组'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='organisers',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='可在后台管理本活动报名、签到和反馈的用户', related_name='organised_events', to=settings.AUTH_USER_MODEL, verbose_name='组织者'),
        ),
        migrations.AddField(
            model_name='eventspeaker',
            name='page',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='speakers', to='events.eventpage'),
        ),
        migrations.AddField(
            model_name='registration',
            name='checked_in_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='签到操作人'),
        ),
        migrations.AddField(
            model_name='registration',
            name='event',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='events.eventpage', verbose_name='活动'),
        ),
        migrations.AddField(
            model_name='registration',
            name='registered_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='代为报名人'),
        ),
        migrations.AddField(
            model_name='registration',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='event_registrations', to=settings.AUTH_USER_MODEL, verbose_name='参会者'),
        ),
        migrations.AddField(
            model_name='feedback',
            name='registration',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='events.registration', verbose_name='报名'),
        ),
        migrations.AddField(
            model_name='registrationquestion',
            name='page',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='events.eventpage'),
        ),
        migrations.AddIndex(
            model_name='eventpage',
            index=models.Index(fields=['end_at'], name='events_event_end_at'),
        ),
        migrations.AddIndex(
            model_name='eventpage',
            index=models.Index(fields=['start_at'], name='events_event_start_at'),
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(fields=['event', 'status'], name='events_reg_event_status'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'cancelled'), _negated=True), fields=('event', 'user'), name='events_one_active_registration_per_person'),
        ),
        migrations.AddConstraint(
            model_name='feedback',
            constraint=models.CheckConstraint(condition=models.Q(('rating__gte', 1), ('rating__lte', 5)), name='events_feedback_rating_1_to_5'),
        ),
    ]
