import hashlib

from django.db import migrations, models


def fingerprint_stories(apps, schema_editor):
    """Fingerprints of the story without page furniture, as ``story_fingerprint`` computes them
    (written out here so that this migration does not change when the model's code does)."""
    SourceDocument = apps.get_model("press", "SourceDocument")
    for document in SourceDocument.objects.only("pk", "text", "content_start", "content_end"):
        story = "".join(document.text[document.content_start : document.content_end].split())
        document.text_sha256 = hashlib.sha256(story.encode("utf-8")).hexdigest()
        document.save(update_fields=["text_sha256"])


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0003_version"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sourcedocument",
            name="text_sha256",
            field=models.CharField(
                db_index=True,
                editable=False,
                help_text="Of the story without page furniture: the same article is not stored twice.",
                max_length=64,
                verbose_name="story fingerprint",
            ),
        ),
        migrations.RunPython(fingerprint_stories, migrations.RunPython.noop),
    ]
