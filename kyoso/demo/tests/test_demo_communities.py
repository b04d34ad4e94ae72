"""The demo's co-creation communities: the five of seed 001 and the Sendai hub, with leaders,
members, a pending request and a board with pinned posts; counts right, searchable, loaded once."""

from kyoso.communities.models import BoardComment, BoardPost, Community, CommunityMembership
from kyoso.demo.data.board import BOARD_POSTS
from kyoso.demo.data.communities import COMMUNITIES
from kyoso.search.services import search


class TestDemoCommunities:
    """Read the demo loaded once for the class (each test in a savepoint inside)."""

    def test_the_six_communities_with_leaders_members_and_boards(self, loaded_demo, db):
        communities = {c.slug: c for c in Community.objects.all()}
        assert set(communities) == {entry["slug"] for entry in COMMUNITIES}
        assert len(communities) == 6
        for entry in COMMUNITIES:
            community = communities[entry["slug"]]
            active = CommunityMembership.objects.filter(community=community, status="active")
            assert community.member_count == active.count()
            leaders = set(active.filter(role="leader").values_list("user__email", flat=True))
            assert leaders == {f"{key}@demo.kyoso.invalid" for key in entry["leaders"]}
            recent = [post for post in BOARD_POSTS if post["community"] == entry["slug"]]
            posts = BoardPost.objects.filter(community=community)
            assert posts.count() == len(entry["posts"]) + len(recent)
        assert BoardPost.objects.filter(pinned=True).count() >= 5
        it_joshi = communities["sanroku-it-joshi"]
        assert it_joshi.join_policy == "approval"
        assert CommunityMembership.objects.filter(community=it_joshi, status="pending").count() == 1
        for post in BoardPost.objects.all():
            assert post.comment_count == BoardComment.objects.filter(post=post).count()
            assert post.last_activity_at >= post.created_at

    def test_the_communities_are_found_by_a_word_of_their_name(self, loaded_demo, db):
        hits = search("農業", viewer=None, types=["communities"]).items
        assert "庄内農業共創コミュニティ" in [hit.title for hit in hits]
        hits = search("ソーシャルハブ", viewer=None, types=["communities"]).items
        assert [hit.title for hit in hits] == ["せんだい・みやぎソーシャルハブ"]
        assert loaded_demo.result.created["communities"] == 6
