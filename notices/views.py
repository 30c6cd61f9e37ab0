from django.shortcuts import render

from services.models import Controller


def home(request):
    """Public: anyone may read the list of organisations."""
    controllers = Controller.objects.filter(retired=False).prefetch_related("services")
    return render(request, "notices/home.html", {"controllers": controllers})


def accessibility(request):
    """Public: anyone may read the accessibility statement, which names each organisation to contact."""
    controllers = Controller.objects.filter(retired=False)
    return render(request, "notices/accessibility.html", {"controllers": controllers})
