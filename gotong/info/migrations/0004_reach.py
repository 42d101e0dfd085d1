"""Links from campaigns and needs to posts ("info terkait"), reports on posts (laporkan), and
every post that exists already in the search index (kind "info", gotong/info/indexing.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def index_posts(apps, schema_editor):
    from gotong.search.documents import Document, documents_backend

    InfoPost = apps.get_model("info", "InfoPost")
    rows = InfoPost.objects.order_by("pk").values_list("pk", "title", "what", "where_text")
    documents_backend().rebuild(
        "info",
        [Document(object_id=pk, title=title, body=f"{what} {where}") for pk, title, what, where in rows],
    )


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0006_campaign_region'),
        ('info', '0003_reminder'),
        ('inkind', '0004_list_indexes'),
        ('search', '0002_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='InfoLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('campaign', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='info_links', to='campaigns.campaign')),
                ('need', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='info_links', to='inkind.need')),
                ('post', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='info.infopost')),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('campaign__isnull', False), ('need__isnull', True)), models.Q(('campaign__isnull', True), ('need__isnull', False)), _connector='OR'), name='info_link_one_subject'), models.UniqueConstraint(fields=('post', 'campaign'), name='info_link_campaign_once'), models.UniqueConstraint(fields=('post', 'need'), name='info_link_need_once')],
            },
        ),
        migrations.CreateModel(
            name='InfoReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('hoaks', 'Hoaks atau menyesatkan'), ('data_pribadi', 'Memuat data pribadi (nomor HP, alamat rumah)'), ('spam', 'Spam atau iklan'), ('lainnya', 'Lainnya')], max_length=16)),
                ('text', models.TextField(max_length=2000)),
                ('status', models.CharField(choices=[('open', 'Baru'), ('dismissed', 'Ditutup tanpa tindakan'), ('actioned', 'Ditindaklanjuti')], default='open', max_length=16)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('post', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='info.infopost')),
                ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at', 'id'],
                'indexes': [models.Index(fields=['status', 'created_at'], name='info_infore_status_7fd08e_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'open')), fields=('post', 'reporter'), name='info_report_one_open')],
            },
        ),
        migrations.RunPython(index_posts, migrations.RunPython.noop),
    ]
