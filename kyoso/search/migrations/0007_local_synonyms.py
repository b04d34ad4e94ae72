# Local synonyms kept by the secretariat (サンロク = 酒田市産業振興まちづくりセンター): groups of
# words, and one row per word with its folded form, indexed, for the query side's look-ups.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_title_terms_on_document'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LocalSynonymGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='メモ')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '地域の同義語',
                'verbose_name_plural': '地域の同義語',
                'db_table': 'search_local_synonym_group',
            },
        ),
        migrations.CreateModel(
            name='LocalSynonymWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('word', models.CharField(max_length=50)),
                ('folded', models.CharField(db_index=True, max_length=200)),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='words', to='search.localsynonymgroup')),
            ],
            options={
                'db_table': 'search_local_synonym_word',
                'ordering': ['group_id', 'position'],
                'constraints': [models.UniqueConstraint(fields=('group', 'folded'), name='search_synonym_word_once'), models.UniqueConstraint(fields=('group', 'position'), name='search_synonym_word_position')],
            },
        ),
    ]
