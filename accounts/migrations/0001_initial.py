
import accounts.models
import accounts.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Enterprise',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='企业名称')),
                ('credit_code', models.CharField(error_messages={'unique': '该统一社会信用代码已被其他企业注册。'}, max_length=18, unique=True, validators=[accounts.validators.validate_credit_code], verbose_name='统一社会信用代码')),
                ('size', models.CharField(choices=[('large', '大型'), ('medium', '中型'), ('small', '小型'), ('micro', '微型')], max_length=10, verbose_name='企业规模')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='地址')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
            ],
            options={
                'verbose_name': '企业',
                'verbose_name_plural': '企业',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='邮箱')),
                ('token', models.CharField(default=accounts.models.new_invitation_token, editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='邀请时间')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='接受时间')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='撤销时间')),
            ],
            options={
                'verbose_name': '成员邀请',
                'verbose_name_plural': '成员邀请',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('officer', '合规专员'), ('staff', '员工')], default='staff', max_length=10, verbose_name='角色')),
                ('joined_at', models.DateTimeField(auto_now_add=True, verbose_name='加入时间')),
            ],
            options={
                'verbose_name': '企业成员',
                'verbose_name_plural': '企业成员',
                'ordering': ['-role', 'joined_at'],
            },
        ),
        migrations.CreateModel(
            name='Profile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('real_name', models.CharField(blank=True, max_length=50, verbose_name='姓名')),
                ('phone', models.CharField(blank=True, max_length=20, verbose_name='手机号')),
                ('privacy_consented_at', models.DateTimeField(blank=True, null=True, verbose_name='同意隐私政策时间')),
                ('privacy_notice_version', models.CharField(blank=True, max_length=20, verbose_name='隐私政策版本')),
            ],
            options={
                'verbose_name': '个人资料',
                'verbose_name_plural': '个人资料',
            },
        ),
    ]
