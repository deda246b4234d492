Feature: The target group takes part in organising
  Actors from the target group the event is aimed at take part in organising it, so that the
  target group is reached better and the effects are of higher quality.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @R15
  Rule: At least one member of the organising team comes from the target group

    @kept
    Scenario: An NGO actor from the target group is in the organising team
      Given the planning has reached the "Partner agreement" stage with everything in order
      Then "Involve actors from the target group" is in order
      And the stage can be left

    @kept
    Scenario: The planners waive the involvement and say why
      Given the planning has reached the "Partner agreement" stage with everything in order
      When no one from the target group takes part in organising
      And "Involve actors from the target group" is waived because "The target group's associations plan the programme with us"
      Then "Involve actors from the target group" is in order
      And the stage can be left

    @broken
    Scenario: Nobody from the target group takes part in organising
      Given the planning has reached the "Partner agreement" stage with everything in order
      When no one from the target group takes part in organising
      Then the stage cannot be left until "Involve actors from the target group" is in order
