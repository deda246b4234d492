@etno
Feature: The regional ETNO board is invited to the training day
  The regional advisory board for ethnic relations (ETNO) knows the region's population
  relations best. The training day is organised together with it in mind: its board is
  invited by name, at least six weeks before the day, so that it can pass the invitation on
  and send a representative to the panel. Source: the regional ETNO's policy.

  @etno.board-invited
  Rule: The invitations are not finished before the region's ETNO board is invited

    @kept
    Scenario: The board of the region is invited in good time
      Given an ETNO-policy training day in Pirkanmaa on 2027-03-18, ready to send invitations
      When the planner records that "Pirkanmaan ja Keski-Suomen ETNO" was invited on 2027-01-15
      Then the ETNO item passes with "Pirkanmaan ja Keski-Suomen ETNO invited on 2027-01-15"
      And the invitations stage can be left

    @broken
    Scenario: The board is not invited
      Given an ETNO-policy training day in Pirkanmaa on 2027-03-18, ready to send invitations
      Then leaving the invitations stage is refused because "Pirkanmaan ja Keski-Suomen ETNO" is not among the invitees

    @broken
    Scenario: The board of another region does not count
      Given an ETNO-policy training day in Pirkanmaa on 2027-03-18, ready to send invitations
      When the planner records that "Lapin ETNO" was invited on 2027-01-15
      Then leaving the invitations stage is refused because "Pirkanmaan ja Keski-Suomen ETNO" is not among the invitees

    @broken
    Scenario: The board is invited too late to send a representative
      Given an ETNO-policy training day in Pirkanmaa on 2027-03-18, ready to send invitations
      When the planner records that "Pirkanmaan ja Keski-Suomen ETNO" was invited on 2027-03-01
      Then leaving the invitations stage is refused because "later than 2027-02-04"

    @kept
    Scenario: A board that co-organises the day is invited already
      Given an ETNO-policy training day in Pirkanmaa on 2027-03-18, ready to send invitations
      When "Pirkanmaan ja Keski-Suomen ETNO" is recorded as a partner organisation
      Then the ETNO item passes with "is a co-organiser"

  @etno.board-invited
  Rule: A region without an ETNO board is not held to the rule

    @kept
    Scenario: Åland has no regional ETNO board
      Given an ETNO-policy training day in Ahvenanmaa on 2027-03-18, ready to send invitations
      Then the ETNO item does not apply
