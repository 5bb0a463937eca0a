
from django.db import migrations


# The idea models moved to the ideas app with their rows (see ideas' 0001): they leave projects'
# state only; the tables stay.


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0001_initial'),
        ('ideas', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='idea',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='idea',
                    name='municipalities',
                ),
                migrations.RemoveField(
                    model_name='idea',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='idea',
                    name='origin_event',
                ),
                migrations.RemoveField(
                    model_name='idea',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='idea',
                    name='project',
                ),
                migrations.RemoveField(
                    model_name='idea',
                    name='themes',
                ),
                migrations.RemoveField(
                    model_name='ideastatuschange',
                    name='idea',
                ),
                migrations.RemoveField(
                    model_name='ideasupport',
                    name='idea',
                ),
                migrations.RemoveField(
                    model_name='ideafollower',
                    name='idea',
                ),
                migrations.RemoveField(
                    model_name='ideacomment',
                    name='idea',
                ),
                migrations.RemoveField(
                    model_name='ideacomment',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='ideacomment',
                    name='moderated_by',
                ),
                migrations.RemoveField(
                    model_name='ideafollower',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='ideastatuschange',
                    name='actor',
                ),
                migrations.RemoveField(
                    model_name='ideastatuschange',
                    name='project',
                ),
                migrations.RemoveField(
                    model_name='ideasupport',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='CommentReport',
                ),
                migrations.DeleteModel(
                    name='Idea',
                ),
                migrations.DeleteModel(
                    name='IdeaComment',
                ),
                migrations.DeleteModel(
                    name='IdeaFollower',
                ),
                migrations.DeleteModel(
                    name='IdeaStatusChange',
                ),
                migrations.DeleteModel(
                    name='IdeaSupport',
                ),
            ],
        ),
    ]
