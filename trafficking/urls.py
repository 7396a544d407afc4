app_name = "trafficking"

urlpatterns = []
