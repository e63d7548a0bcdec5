from .conftest import gid


def test_login_and_me(demo, client_for):
    c = client_for(demo.staff.user.username)
    data = c.data("{ me { user { username } employee { name nip unit { code } rater { name } } rater { name } raterSupervisor { name } roles } }")
    assert data["me"]["employee"]["name"] == demo.staff.name
    assert data["me"]["rater"]["name"] == demo.kasi.name
    assert data["me"]["raterSupervisor"]["name"] == demo.kabid.name
    units = c.data("{ orgUnits(first: 5) { edges { node { code name kind leader { name } children { code } } } pageInfo { hasNextPage endCursor } } }")
    assert len(units["orgUnits"]["edges"]) == 5
    emp = c.data("query($id: ID!) { employee(id: $id) { name nip email } }", {"id": gid("Employee", demo.peer.pk)})
    assert emp["employee"]["nip"] is None
