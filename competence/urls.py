from django.urls import path

from competence.views import records, register, trainings

app_name = "competence"

urlpatterns = [
    path("", register.index, name="index"),
    path("matrix/", register.matrix_page, name="matrix"),
    path("positions/", register.positions, name="positions"),
    path("positions/<int:pk>/", register.position, name="position"),
    path("positions/<int:pk>/requirements/add/", register.requirement_add, name="requirement_add"),
    path("requirements/<int:pk>/edit/", register.requirement_edit, name="requirement_edit"),
    path("requirements/<int:pk>/remove/", register.requirement_remove, name="requirement_remove"),
    path("topics/", register.topics, name="topics"),
    path("topics/add/", register.topic_add, name="topic_add"),
    path("topics/<int:pk>/edit/", register.topic_edit, name="topic_edit"),
    path("people/<int:pk>/", records.person, name="person"),
    path(
        "people/<int:pk>/qualifications/add/", records.qualification_add, name="qualification_add"
    ),
    path("qualifications/<int:pk>/edit/", records.qualification_edit, name="qualification_edit"),
    path("people/<int:pk>/experience/add/", records.experience_add, name="experience_add"),
    path("experience/<int:pk>/edit/", records.experience_edit, name="experience_edit"),
    path("people/<int:pk>/trainings/add/", records.record_add, name="record_add"),
    path("records/<int:pk>/edit/", records.record_edit, name="record_edit"),
    path("records/<int:pk>/certificate/", records.certificate, name="certificate"),
    path("records/<int:pk>/attendance/", trainings.attendance, name="attendance"),
    path("trainings/", trainings.trainings, name="trainings"),
    path("trainings/add/", trainings.training_add, name="training_add"),
    path("trainings/<int:pk>/", trainings.training, name="training"),
    path("trainings/<int:pk>/edit/", trainings.training_edit, name="training_edit"),
    path("trainings/<int:pk>/evaluate/", trainings.evaluate, name="evaluate"),
]
