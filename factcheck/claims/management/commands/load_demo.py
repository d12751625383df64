from django.core.management.base import BaseCommand

from factcheck.claims.demo import USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo article (the Tlass defection report) with its claims, and the demo accounts."

    def handle(self, *args, **options):
        article, created = load_demo()
        verb = "Loaded" if created else "Already loaded:"
        self.stdout.write(f"{verb} “{article.title}” with {article.claims.count()} claims.")
        self.stdout.write("Log in with one of these demo accounts:")
        for username, password, group, _ in USERS:
            self.stdout.write(f"  {group[:-1].lower():9} username {username!r:12} password {password!r}")
