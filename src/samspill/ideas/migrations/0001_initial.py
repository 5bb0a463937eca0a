
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


# The idea models moved here from the projects app with their rows: this migration only tells
# Django's state that they now belong to ideas, on the tables projects created (`db_table`);
# projects' 0002 takes them out of its state, and 0002 here renames the tables.


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0002_pages_and_logo'),
        ('events', '0001_initial'),
        ('projects', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Idea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(max_length=5000, verbose_name='description')),
                        ('status', models.CharField(choices=[('proposed', 'Proposed'), ('under_review', 'Under review'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('project', 'Turned into a project')], default='proposed', max_length=12, verbose_name='status')),
                        ('status_reason', models.TextField(blank=True, help_text="Shown on the idea's page; required when an idea is declined.", max_length=2000, verbose_name='public reason')),
                        ('support_count', models.PositiveIntegerField(default=0, editable=False, verbose_name='supporters')),
                        ('is_hidden', models.BooleanField(default=False, help_text='Hidden by an editor: not listed nor shown.', verbose_name='hidden')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='proposed')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to=settings.AUTH_USER_MODEL, verbose_name='proposed by')),
                        ('municipalities', models.ManyToManyField(blank=True, related_name='ideas', to='core.municipality', verbose_name='municipalities')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to='core.organisation', verbose_name='on behalf of')),
                        ('origin_event', models.ForeignKey(blank=True, limit_choices_to={'kind__in': ['workshop', 'network_meeting']}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to='events.event', verbose_name='came up at')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ideas', to='projects.programme', verbose_name='programme')),
                        ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to='projects.project', verbose_name='became the project')),
                        ('themes', models.ManyToManyField(blank=True, related_name='ideas', to='projects.theme', verbose_name='themes')),
                    ],
                    options={
                        'db_table': 'projects_idea',
                        'verbose_name': 'idea',
                        'verbose_name_plural': 'ideas',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='IdeaComment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('body', models.TextField(max_length=2000, verbose_name='comment')),
                        ('status', models.CharField(choices=[('visible', 'Visible'), ('hidden', 'Hidden by an editor')], default='visible', max_length=8, verbose_name='status')),
                        ('moderation_note', models.CharField(blank=True, max_length=300, verbose_name='moderation note')),
                        ('moderated_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='written')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='idea_comments', to=settings.AUTH_USER_MODEL)),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='ideas.idea')),
                        ('moderated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'projects_ideacomment',
                        'verbose_name': 'comment',
                        'verbose_name_plural': 'comments',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CommentReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(blank=True, max_length=300, verbose_name='reason')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='handled')),
                        ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='ideas.ideacomment')),
                    ],
                    options={
                        'db_table': 'projects_commentreport',
                        'verbose_name': 'report',
                        'verbose_name_plural': 'reports',
                    },
                ),
                migrations.CreateModel(
                    name='IdeaFollower',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='followers', to='ideas.idea')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='followed_ideas', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'projects_ideafollower',
                        'verbose_name': 'follower',
                        'verbose_name_plural': 'followers',
                    },
                ),
                migrations.CreateModel(
                    name='IdeaStatusChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_status', models.CharField(choices=[('proposed', 'Proposed'), ('under_review', 'Under review'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('project', 'Turned into a project')], max_length=12, verbose_name='from')),
                        ('to_status', models.CharField(choices=[('proposed', 'Proposed'), ('under_review', 'Under review'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('project', 'Turned into a project')], max_length=12, verbose_name='to')),
                        ('reason', models.TextField(blank=True, max_length=2000, verbose_name='public reason')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='history', to='ideas.idea')),
                        ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='projects.project')),
                    ],
                    options={
                        'db_table': 'projects_ideastatuschange',
                        'verbose_name': 'status change',
                        'verbose_name_plural': 'status changes',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='IdeaSupport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supports', to='ideas.idea')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='idea_supports', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'projects_ideasupport',
                        'verbose_name': 'support',
                        'verbose_name_plural': 'supports',
                    },
                ),
                migrations.AddIndex(
                    model_name='idea',
                    index=models.Index(fields=['-support_count', '-created_at', '-id'], name='projects_idea_top'),
                ),
                migrations.AddIndex(
                    model_name='idea',
                    index=models.Index(fields=['programme', '-support_count', '-created_at', '-id'], name='projects_idea_support'),
                ),
                migrations.AddIndex(
                    model_name='idea',
                    index=models.Index(fields=['-created_at', '-id'], name='projects_idea_new'),
                ),
                migrations.AddIndex(
                    model_name='idea',
                    index=models.Index(fields=['status'], name='projects_idea_status'),
                ),
                migrations.AddConstraint(
                    model_name='idea',
                    constraint=models.CheckConstraint(condition=models.Q(('status__in', ['proposed', 'under_review', 'accepted', 'declined', 'project'])), name='projects_idea_status_valid'),
                ),
                migrations.AddConstraint(
                    model_name='idea',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'project'), _negated=True), ('project__isnull', False), _connector='OR'), name='projects_idea_project_when_turned'),
                ),
                migrations.AddIndex(
                    model_name='ideacomment',
                    index=models.Index(fields=['idea', 'created_at'], name='projects_comment_idea'),
                ),
                migrations.AddConstraint(
                    model_name='commentreport',
                    constraint=models.UniqueConstraint(fields=('comment', 'reporter'), name='projects_report_once'),
                ),
                migrations.AddConstraint(
                    model_name='ideafollower',
                    constraint=models.UniqueConstraint(fields=('idea', 'user'), name='projects_follow_once'),
                ),
                migrations.AddIndex(
                    model_name='ideasupport',
                    index=models.Index(fields=['user', 'idea'], name='projects_support_user'),
                ),
                migrations.AddConstraint(
                    model_name='ideasupport',
                    constraint=models.UniqueConstraint(fields=('idea', 'user'), name='projects_support_once'),
                ),
            ],
        ),
    ]
