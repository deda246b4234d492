Feature: Programme and speakers
  The programme has an expert talk, one talk on the region's population, one to three comment
  talks by people from the target group and a panel on the state of population relations in
  the region; a local good-practice showcase where useful. Speakers are agreed in good time.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @R3
  Rule: Every programme slot has a confirmed speaker before the invitation is sent

    @kept
    Scenario: Every speaker has confirmed
      Given the planning has reached the "Programme and speakers" stage with everything in order
      Then "Confirm a speaker for every programme slot" is in order
      And the stage can be left

    @broken
    Scenario: A commentator has not confirmed yet
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the commentator has not confirmed yet
      Then the stage cannot be left until "Confirm a speaker for every programme slot" is in order

  @R7
  Rule: The programme has at least one expert talk on population relations and integration

    @kept
    Scenario: An expert talk is booked
      Given the planning has reached the "Programme and speakers" stage with everything in order
      Then "Book an expert talk" is in order
      And the stage can be left

    @broken
    Scenario: The expert talk is dropped
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the expert talk is dropped from the programme
      Then the stage cannot be left until "Book an expert talk" is in order

  @R8
  Rule: The programme has exactly one talk on the region's population

    @kept
    Scenario: One talk on the region's population is booked
      Given the planning has reached the "Programme and speakers" stage with everything in order
      Then "Book one talk on the region's population" is in order
      And "integration indicator database" is in order
      And the stage can be left

    @broken
    Scenario: Two talks on the region's population are booked
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When a second talk on the region's population is added
      Then the stage cannot be left until "Book one talk on the region's population" is in order

    @broken
    Scenario: No talk on the region's population
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the talk on the region's population is dropped
      Then the stage cannot be left until "Book one talk on the region's population" is in order

    @broken
    Scenario: The integration indicator database is not suggested
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When "integration indicator database" is left undone
      Then "integration indicator database" is shown as advice
      And the stage can still be left

  @R9
  Rule: The programme has one to three comment talks, each by a person from the target group

    @kept
    Scenario: Three comment talks by people from the target group
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the programme has 3 comment talks
      Then "comment talks by people from the target group" is in order
      And the stage can be left

    @broken
    Scenario: Four comment talks are too many
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the programme has 4 comment talks
      Then the stage cannot be left until "comment talks by people from the target group" is in order

    @broken
    Scenario: No comment talks at all
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the programme has 0 comment talks
      Then the stage cannot be left until "comment talks by people from the target group" is in order

    @broken
    Scenario: A commentator's target group is not known
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the commentator's target group is not recorded
      Then the stage cannot be left until "comment talks by people from the target group" is in order

  @R10
  Rule: The programme has a panel or other discussion, preferably with at least three different roles

    @kept
    Scenario: A panel with a police officer, a councillor and an NGO worker
      Given the planning has reached the "Programme and speakers" stage with everything in order
      Then "Book a panel or other discussion" is in order
      And "at least three different roles" is in order
      And the stage can be left

    @broken
    Scenario: The panel is dropped
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the panel is dropped from the programme
      Then the stage cannot be left until "Book a panel or other discussion" is in order

    @broken
    Scenario: The panel has only two different roles
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When the panelists have only 2 different roles
      Then "at least three different roles" is shown as advice
      And the stage can still be left

  @R11
  Rule: Where useful, the programme presents local activity where good population relations are realised

    @kept
    Scenario: A local good-practice showcase is in the programme
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When a showcase of local good practice is added
      Then "Consider a showcase of local activity" is in order

    @broken
    Scenario: No local showcase
      Given the planning has reached the "Programme and speakers" stage with everything in order
      Then "Consider a showcase of local activity" is shown as advice
      And the stage can still be left

  @R18
  Rule: The programme covers the four dimensions of population relations

    @kept
    Scenario: The programme covers all four dimensions
      Given the planning has reached the "Programme and speakers" stage with everything in order
      Then "Cover the four dimensions in the programme" is in order

    @broken
    Scenario: Nothing in the programme deals with the sense of safety
      Given the planning has reached the "Programme and speakers" stage with everything in order
      When no programme item deals with the sense of safety
      Then "Cover the four dimensions in the programme" is shown as advice
      And the stage can still be left
